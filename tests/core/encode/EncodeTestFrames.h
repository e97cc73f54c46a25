#pragma once

#include <filesystem>
#include <vector>

#include <opencv2/core.hpp>

#include "encode/VideoEncoder.h"

namespace skyweave::test {

/// `count` frames of `type` with moving gradients and noise, so every frame and pixel differs.
inline std::vector<cv::Mat> makeFrames(int width, int height, int type, int count) {
    std::vector<cv::Mat> frames;
    cv::RNG rng(1234);
    const double maxValue = CV_MAT_DEPTH(type) == CV_16U ? 65535.0 : 255.0;
    for (int i = 0; i < count; ++i) {
        cv::Mat f(height, width, type);
        rng.fill(f, cv::RNG::UNIFORM, 0, maxValue + 1);
        // A smooth ramp that moves with i over the noise keeps the codecs' motion search honest.
        for (int y = 0; y < height; ++y)
            for (int x = 0; x < width / 2; ++x) {
                const double v = std::fmod((x + y + 3 * i) * maxValue / (width + height), maxValue);
                if (f.channels() == 1)
                    CV_MAT_DEPTH(type) == CV_16U ? (void)(f.at<ushort>(y, x) = cv::saturate_cast<ushort>(v))
                                                 : (void)(f.at<uchar>(y, x) = cv::saturate_cast<uchar>(v));
                else if (CV_MAT_DEPTH(type) == CV_16U)
                    f.at<cv::Vec3w>(y, x) =
                        cv::Vec3w(cv::saturate_cast<ushort>(v), 0, cv::saturate_cast<ushort>(maxValue - v));
                else
                    f.at<cv::Vec3b>(y, x) =
                        cv::Vec3b(cv::saturate_cast<uchar>(v), 0, cv::saturate_cast<uchar>(maxValue - v));
            }
        frames.push_back(f);
    }
    return frames;
}

/// Encodes `frames` with `params` (open, write all, finish) and returns the summary.
inline encode::EncodeSummary encodeFrames(const encode::EncodeParams& params, const std::vector<cv::Mat>& frames) {
    auto encoder = encode::createVideoEncoder(params);
    const cv::Mat& first = frames.front();
    encoder->open(FrameFormat{first.cols, first.rows, first.channels(), first.depth()});
    for (const auto& f : frames) encoder->write(f);
    encoder->finish();
    return encoder->summary();
}

/// Number of entries in a folder (to prove no temporary was left behind).
inline int entriesIn(const std::filesystem::path& dir) {
    int n = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace skyweave::test
