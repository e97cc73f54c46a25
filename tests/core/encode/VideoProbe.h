#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core/mat.hpp>

namespace skyweave::test {

/// What a video file holds, read back with libavformat/libavcodec (decoding every frame).
struct VideoProbe {
    std::string codecName;    ///< libavcodec's name: "h264", "hevc", "ffv1", "prores", "av1"
    std::string pixFmt;       ///< decoded pixel format name
    std::string codecTag;     ///< fourcc in the container ("avc1", "hvc1", …), may be empty
    std::string profileName;  ///< "High", "Main", "4444", "HQ", … (empty when the codec has none)
    std::string formatName;   ///< demuxer name ("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm")
    int width = 0;
    int height = 0;
    long long decodedFrames = 0;
    int avgFpsNum = 0;
    int avgFpsDen = 1;
    double streamDurationSeconds = -1;  ///< stream duration × time base, -1 when unknown
    double formatDurationSeconds = -1;  ///< container duration, -1 when unknown
    /// Sum of decoded frame durations (best-effort pts span + last duration), seconds.
    double decodedSpanSeconds = 0;
    std::vector<cv::Mat> frames;  ///< decoded frames converted to `convertTo`, when asked
};

/**
 * @brief Opens and fully decodes `path`.
 * @param convertTo OpenCV type to convert decoded frames to (CV_8UC3 BGR, CV_16UC3, CV_8UC1,
 *        CV_16UC1), or -1 to keep none.
 * Fails the current test (ADD_FAILURE) and returns what it got on libav errors.
 */
VideoProbe probeVideo(const std::filesystem::path& path, int convertTo = -1);

}  // namespace skyweave::test
