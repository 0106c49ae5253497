package org.rasteragg.zarr;

/** A Zarr array, group or element that does not exist; the message names what does exist. */
public class NoSuchNodeException extends ZarrException {

    public NoSuchNodeException(String message) {
        super(message);
    }
}
