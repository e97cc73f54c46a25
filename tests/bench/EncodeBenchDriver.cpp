// skyweave_encode_bench: pushes frames from a PNG folder into Skyweave's in-process encoder, so
// encode_bench.sh can time it side by side with the ffmpeg CLI reading the same folder.
//
//   skyweave_encode_bench make-frames DIR COUNT WIDTH HEIGHT   synthetic moving "clouds" as PNGs
//   skyweave_encode_bench encode DIR -o OUT [encoder options]   PNG folder → video, in process
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "EncoderOptions.h"
#include "common/Errors.h"
#include "encode/VideoEncoder.h"

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

int encode(const QStringList& args) {
    QCommandLineParser parser;
    parser.addPositionalArgument("encode", "the mode");
    parser.addPositionalArgument("dir", "PNG folder");
    parser.addOption({{"o", "output"}, "Output video.", "OUT"});
    cli::addEncoderOptions(parser);
    if (!parser.parse(args) || parser.positionalArguments().size() != 2 || !parser.isSet("output")) {
        std::cerr << "usage: skyweave_encode_bench encode DIR -o OUT [encoder options]\n";
        return 2;
    }
    EncodeParams params;
    params.outputPath = parser.value("output").toStdString();
    if (const QString error = cli::parseEncoderOptions(parser, params); !error.isEmpty()) {
        std::cerr << error.toStdString() << "\n";
        return 2;
    }
    const auto files = pngFiles(parser.positionalArguments().at(1).toStdString());
    if (files.empty()) {
        std::cerr << "no PNG files\n";
        return 1;
    }
    const auto start = std::chrono::steady_clock::now();
    auto encoder = createVideoEncoder(params);
    bool opened = false;
    for (const auto& file : files) {
        const cv::Mat frame = cv::imread(file.string(), cv::IMREAD_UNCHANGED);
        if (frame.empty()) throw SkyweaveError(ErrorKind::BadInput, file.string() + ": cannot read");
        if (!opened) {
            encoder->open(FrameFormat{frame.cols, frame.rows, frame.channels(), frame.depth()});
            opened = true;
        }
        encoder->write(frame);
    }
    encoder->finish();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << cli::encodeSummaryLine(encoder->summary()).toStdString() << "\n"
              << "wall " << seconds << " s, " << files.size() / seconds << " frames/s, peak RSS "
              << peakRssMiB() << " MiB\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    try {
        if (args.size() >= 6 && args[1] == "make-frames")
            return makeFrames(args[2].toStdString(), args[3].toInt(), args[4].toInt(), args[5].toInt());
        if (args.size() >= 2 && args[1] == "encode") return encode(args);
    } catch (const SkyweaveError& e) {
        std::cerr << "skyweave_encode_bench: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: skyweave_encode_bench make-frames DIR COUNT W H | encode DIR -o OUT [options]\n";
    return 2;
}
