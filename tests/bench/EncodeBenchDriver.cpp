// skyweave_encode_bench: the inputs and the baseline route for encode_bench.sh, which times
// `skyweave-cli encode` side by side with the ffmpeg CLI reading the same PNG folder.
//
//   skyweave_encode_bench make-frames DIR COUNT WIDTH HEIGHT   synthetic moving "clouds" as PNGs
//   skyweave_encode_bench png-route DIR OUTDIR FACTOR QUALITY LEVEL
//       the original app's hand-over: interpolate pair by pair, write every frame as PNG at zlib LEVEL
//       (6 = Pillow's default, which the original used; skyweave-cli --frames-out writes level 1)
#include <QCoreApplication>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "common/Errors.h"
#include "interp/FrameInterpolator.h"
#include "io/PngSequenceSink.h"

namespace fs = std::filesystem;
using namespace skyweave;

namespace {

/// VmHWM of this process in MiB (peak resident set).
double peakRssMiB() {
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        if (key == "VmHWM:") {
            double kb = 0;
            status >> kb;
            return kb / 1024.0;
        }
        status.ignore(4096, '\n');
    }
    return 0;
}

/// Smooth multi-scale noise: cloud-like texture that compresses like real sky imagery, not like static.
cv::Mat cloudTexture(int width, int height, int seed) {
    cv::RNG rng(seed);
    cv::Mat sum(height, width, CV_32F, cv::Scalar(0));
    float amplitude = 1.0F;
    for (int cell = 128; cell >= 4; cell /= 2, amplitude *= 0.55F) {
        cv::Mat coarse(height / cell + 2, width / cell + 2, CV_32F);
        rng.fill(coarse, cv::RNG::NORMAL, 0, 1);
        cv::Mat fine;
        cv::resize(coarse, fine, cv::Size(width, height), 0, 0, cv::INTER_CUBIC);
        sum += fine * amplitude;
    }
    cv::normalize(sum, sum, 0, 255, cv::NORM_MINMAX);
    return sum;
}

int makeFrames(const fs::path& dir, int count, int width, int height) {
    fs::create_directories(dir);
    const int margin = 4 * count + 8;  // room for the drift
    std::vector<cv::Mat> layers;
    for (int c = 0; c < 3; ++c) layers.push_back(cloudTexture(width + margin, height + margin, 17 + c));
    for (int i = 0; i < count; ++i) {
        // Each channel drifts a little differently: motion the encoder has to search for.
        std::vector<cv::Mat> channels;
        for (int c = 0; c < 3; ++c) {
            const cv::Rect window(2 * i + c, i + 2 * c, width, height);
            cv::Mat u8;
            layers[c](window).convertTo(u8, CV_8U);
            channels.push_back(u8);
        }
        cv::Mat frame;
        cv::merge(channels, frame);
        char name[32];
        std::snprintf(name, sizeof name, "frame_%06d.png", i);
        cv::imwrite((dir / name).string(), frame, {cv::IMWRITE_PNG_COMPRESSION, 1});
    }
    std::cout << "wrote " << count << " frames " << width << "x" << height << " to " << dir << "\n";
    return 0;
}

std::vector<fs::path> pngFiles(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.path().extension() == ".png") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    return files;
}

int pngRoute(const fs::path& dir, const fs::path& out, int factor, const std::string& quality, int level) {
    InterpolationParams params;
    params.factor = factor;
    params.quality = parseQuality(quality).value_or(FlowQuality::Medium);
    const auto files = pngFiles(dir);
    if (files.size() < 2) throw SkyweaveError(ErrorKind::BadInput, dir.string() + ": need two PNG files");
    PngSequenceSink sink(out, true, level);
    cv::Mat previous = cv::imread(files[0].string(), cv::IMREAD_UNCHANGED);
    sink.open(FrameFormat{previous.cols, previous.rows, previous.channels(), previous.depth()});
    sink.write(previous);
    for (std::size_t i = 1; i < files.size(); ++i) {
        cv::Mat next = cv::imread(files[i].string(), cv::IMREAD_UNCHANGED);
        for (const cv::Mat& frame : interpolatePair(previous, next, params).frames) sink.write(frame);
        sink.write(next);
        previous = next;
    }
    sink.finish();
    std::cout << sink.describe() << ": " << sink.framesWritten() << " frames, peak RSS " << peakRssMiB()
              << " MiB\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    try {
        if (args.size() >= 6 && args[1] == "make-frames")
            return makeFrames(args[2].toStdString(), args[3].toInt(), args[4].toInt(), args[5].toInt());
        if (args.size() >= 7 && args[1] == "png-route")
            return pngRoute(args[2].toStdString(), args[3].toStdString(), args[4].toInt(),
                            args[5].toStdString(), args[6].toInt());
    } catch (const SkyweaveError& e) {
        std::cerr << "skyweave_encode_bench: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: skyweave_encode_bench make-frames DIR COUNT W H | png-route DIR OUTDIR F Q LEVEL\n";
    return 2;
}
