#pragma once

#include <filesystem>

#include <opencv2/core/mat.hpp>

#include "sample/StarFieldScene.h"

namespace skyweave::sample {

/**
 * @brief Writes one rendered sample frame as a BITPIX −32 FITS file with its observation and WCS keywords.
 *
 * A small, fixed header (DATE-OBS with milliseconds, EXPTIME, OBJECT, FILTER, GAIN, TAN WCS with
 * CD matrix, RADESYS ICRS, EQUINOX 2000) and no DATE stamp, so the same sample is byte-identical
 * every time. Written atomically by fits::FitsWriter.
 * @throws SkyweaveError(Io) naming the file and cfitsio's reason.
 */
void writeSampleFitsFrame(const std::filesystem::path& path, const cv::Mat& image, const StarFieldScene& scene,
                          int frameIndex, bool overwrite);

}  // namespace skyweave::sample
