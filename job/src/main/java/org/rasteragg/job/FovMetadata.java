package org.rasteragg.job;

import java.util.List;
import org.rasteragg.core.array.DType;
import org.rasteragg.job.io.Raster;

/**
 * What a front end learns of one field of view before aggregating it: its channels (all, and the
 * chosen ones) and its image dtype. Every field of view of a job must agree, so that their rows
 * share one table.
 *
 * @param pair the field of view
 * @param channelNames every channel of its image (empty without one)
 * @param chosen the positions of the channels the job reports, in report order
 * @param imageType the image dtype, or null without an image
 */
public record FovMetadata(FovPair pair, List<String> channelNames, int[] chosen, DType imageType) {

    /**
     * The metadata of a field of view from its opened arrays.
     *
     * @param maskDims the mask's number of dimensions (an image with as many has no channel axis)
     * @param image the image, or null
     */
    public static FovMetadata of(StatsJob job, FovPair pair, int maskDims, Raster image) {
        if (image == null) {
            return new FovMetadata(pair, List.of(), new int[0], null);
        }
        int count = image.array().ndim() > maskDims ? (int) image.array().shape()[0] : 1;
        List<String> names = Channels.names(image.channelNames(), count);
        return new FovMetadata(pair, names, Channels.select(names, job.channels(), image.description()),
                image.array().dtype());
    }

    /** The names of the chosen channels. */
    public List<String> chosenNames() {
        return Channels.pick(channelNames, chosen);
    }

    /**
     * Checks that every field of view has the first one's chosen channels and image dtype.
     *
     * @throws JobException (data) naming the first that differs
     */
    public static void checkAgree(List<FovMetadata> fovs) {
        FovMetadata first = fovs.get(0);
        for (FovMetadata f : fovs.subList(1, fovs.size())) {
            if (!f.chosenNames().equals(first.chosenNames()) || f.imageType() != first.imageType()) {
                throw JobException.data(f.pair().describe() + ": channels " + f.chosenNames() + " ("
                        + (f.imageType() == null ? "no image" : f.imageType().numpyName()) + ") differ from "
                        + first.pair().describe() + "'s " + first.chosenNames() + " ("
                        + (first.imageType() == null ? "no image" : first.imageType().numpyName())
                        + "); the fields of view of one table need the same channels");
            }
        }
    }
}
