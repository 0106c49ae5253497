package org.rasteragg.zarr.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.rasteragg.zarr.ZarrFormatException;

/**
 * Parses the JSON of one codec into its {@link CodecConfig}. Discovered with
 * {@link java.util.ServiceLoader} by {@link CodecRegistry}; names must be unique.
 */
public interface CodecProvider {

    /** Zarr v3 names this provider parses (first is canonical). */
    List<String> v3Names();

    /** numcodecs ids (Zarr v2 "compressor"/"filters" ids) this provider parses; may be empty. */
    default List<String> v2Ids() {
        return List.of();
    }

    /** Parses a v3 {@code configuration} object (may be a missing node). */
    CodecConfig fromV3(JsonNode configuration);

    /** Parses a v2 numcodecs object ({@code {"id": ..., ...}}). */
    default CodecConfig fromV2(JsonNode compressor) {
        throw new ZarrFormatException("codec " + v3Names() + " has no Zarr v2 form");
    }
}
