#include "io/SequenceLoader.h"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <system_error>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "common/Errors.h"
#include "io/PngDecoder.h"

namespace skyweave {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool hasImageExtension(const std::filesystem::path& p) {
    const auto ext = lower(p.extension().string());
    const auto& list = SequenceLoader::imageExtensions();
    return std::find(list.begin(), list.end(), ext) != list.end();
}

std::vector<std::filesystem::path> listInputs(const std::vector<std::filesystem::path>& inputs) {
    std::vector<std::filesystem::path> files;
    for (const auto& in : inputs) {
        std::error_code ec;
        if (std::filesystem::is_directory(in, ec)) {
            std::vector<std::filesystem::path> found;
            for (const auto& e : std::filesystem::directory_iterator(in, ec)) {
                const auto name = e.path().filename().string();
                if (name.empty() || name[0] == '.' || !hasImageExtension(e.path())) continue;
                if (e.is_regular_file(ec)) found.push_back(e.path());
            }
            if (ec) throw SkyweaveError(ErrorKind::Io, in.string() + ": cannot list folder (" + ec.message() + ")");
            if (found.empty())
                throw SkyweaveError(ErrorKind::BadInput, in.string() + ": folder holds no PNG, JPEG, TIFF or BMP images");
            files.insert(files.end(), found.begin(), found.end());
        } else if (std::filesystem::exists(std::filesystem::symlink_status(in, ec))) {
            files.push_back(in);  // probeImageHeader() names what is wrong with a FIFO or a dangling link
        } else {
            throw SkyweaveError(ErrorKind::BadInput, in.string() + ": no such file or folder");
        }
    }
    // A frame listed twice would play twice; the same picture under two names is a real (still) frame.
    std::map<std::pair<dev_t, ino_t>, std::size_t> seen;
    for (std::size_t i = 0; i < files.size(); ++i) {
        struct stat st {};
        if (::stat(files[i].c_str(), &st) != 0) continue;  // probeImageHeader() reports it
        const auto [it, fresh] = seen.emplace(std::make_pair(st.st_dev, st.st_ino), i);
        if (!fresh)
            throw SkyweaveError(ErrorKind::BadInput, files[i].string() + ": given twice (same file as " +
                                                         files[it->second].string() +
                                                         "); list each frame once");
    }
    return files;
}

std::string sizeText(int w, int h) { return std::to_string(w) + "×" + std::to_string(h); }

std::string megabytes(std::uint64_t bytes) {
    return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MB";
}

}  // namespace

const std::vector<std::string>& SequenceLoader::imageExtensions() {
    static const std::vector<std::string> kExtensions{".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp"};
    return kExtensions;
}

SequenceLoader::SequenceLoader(const std::vector<std::filesystem::path>& inputs, const SequenceParams& params)
    : params_(params) {
    if (inputs.empty()) throw SkyweaveError(ErrorKind::BadInput, "no input images given");
    if (!(params.scale > 0.0 && params.scale <= 1.0))
        throw SkyweaveError(ErrorKind::BadInput, "scale " + std::to_string(params.scale) + " is outside (0, 1]");
    info_.frames = listInputs(inputs);
    info_.orderUsed = sortFrames(info_.frames, params.order);

    bool colour = false, deep = false;
    for (std::size_t i = 0; i < info_.frames.size(); ++i) {
        const auto& path = info_.frames[i];
        checked_.push_back(FileStamp::of(path));
        const ImageHeader h = probeImageHeader(path);
        if (params.maxImageBytes > 0 && h.decodedBytes() > params.maxImageBytes)
            throw SkyweaveError(ErrorKind::BadInput,
                                path.string() + ": " + sizeText(h.width, h.height) + " " + imageFormatName(h.format) +
                                    " needs " + megabytes(h.decodedBytes()) + " decoded, over the image size limit of " +
                                    megabytes(params.maxImageBytes) + " (--max-image-mb)");
        if (i == 0) {
            info_.sourceWidth = h.width;
            info_.sourceHeight = h.height;
        } else if (h.width != info_.sourceWidth || h.height != info_.sourceHeight) {
            throw SkyweaveError(ErrorKind::BadInput,
                                path.string() + ": size " + sizeText(h.width, h.height) + " differs from the " +
                                    sizeText(info_.sourceWidth, info_.sourceHeight) + " of " +
                                    info_.frames.front().string());
        }
        colour = colour || h.channels >= 3;
        deep = deep || h.bitsPerChannel > 8;
        info_.sourceFrameBytes = std::max(info_.sourceFrameBytes, h.decodedBytes());
    }

    cv::Rect region(0, 0, info_.sourceWidth, info_.sourceHeight);
    if (params.crop) {
        const cv::Rect c = *params.crop;
        if (c.width <= 0 || c.height <= 0 || c.x < 0 || c.y < 0 || c.x + c.width > region.width ||
            c.y + c.height > region.height)
            throw SkyweaveError(ErrorKind::BadInput,
                                "crop " + std::to_string(c.x) + "," + std::to_string(c.y) + "," + std::to_string(c.width) +
                                    "," + std::to_string(c.height) + " does not lie inside the " +
                                    sizeText(region.width, region.height) + " frames of " + info_.frames.front().string());
        region = c;
    }
    info_.format.width = std::max(1, static_cast<int>(std::lround(region.width * params.scale)));
    info_.format.height = std::max(1, static_cast<int>(std::lround(region.height * params.scale)));
    info_.format.channels = colour ? 3 : 1;
    info_.format.depth = deep ? CV_16U : CV_8U;
}

bool SequenceLoader::changedSinceChecked(std::size_t index) const {
    return !(FileStamp::of(info_.frames.at(index)) == checked_.at(index));
}

cv::Mat SequenceLoader::load(std::size_t index) const {
    const auto& path = info_.frames.at(index);
    checkImageComplete(path);
    std::optional<cv::Mat> fast = decodePng(path);
    cv::Mat img = fast ? std::move(*fast) : cv::imread(path.string(), cv::IMREAD_UNCHANGED);
    if (img.empty()) throw SkyweaveError(ErrorKind::BadInput, path.string() + ": cannot be decoded (corrupt or unsupported)");
    if (img.cols != info_.sourceWidth || img.rows != info_.sourceHeight)
        throw SkyweaveError(ErrorKind::BadInput, path.string() + ": decoded size " + sizeText(img.cols, img.rows) +
                                                     " differs from its header " +
                                                     sizeText(info_.sourceWidth, info_.sourceHeight));
    if (img.depth() != CV_8U && img.depth() != CV_16U)
        throw SkyweaveError(ErrorKind::Unsupported,
                            path.string() + ": sample type is not 8- or 16-bit unsigned integer (float TIFF?)");

    // Crop first so that conversions touch only the pixels that are kept.
    if (params_.crop) img = img(*params_.crop);

    const FrameFormat& f = info_.format;
    cv::Mat converted;
    switch (img.channels()) {
        case 1:
            if (f.channels == 3) cv::cvtColor(img, converted, cv::COLOR_GRAY2BGR);
            else converted = img;
            break;
        case 2: {
            cv::extractChannel(img, converted, 0);  // grey + alpha
            if (f.channels == 3) cv::cvtColor(converted, converted, cv::COLOR_GRAY2BGR);
            break;
        }
        case 3: converted = img; break;
        case 4: cv::cvtColor(img, converted, cv::COLOR_BGRA2BGR); break;
        default:
            throw SkyweaveError(ErrorKind::Unsupported,
                                path.string() + ": " + std::to_string(img.channels()) + " channels are not supported");
    }
    if (converted.channels() == 3 && f.channels == 1)  // cannot happen: format is colour if any frame is
        cv::cvtColor(converted, converted, cv::COLOR_BGR2GRAY);
    if (converted.depth() != f.depth) {
        cv::Mat widened;
        converted.convertTo(widened, f.depth, 257.0);  // 8 → 16 bit: 255 maps to 65535
        converted = widened;
    }
    if (converted.cols != f.width || converted.rows != f.height) {
        cv::Mat scaled;
        cv::resize(converted, scaled, cv::Size(f.width, f.height), 0, 0, cv::INTER_AREA);
        return scaled;
    }
    // A crop view keeps the whole decoded image alive; hand out compact memory of the crop alone.
    return params_.crop && converted.u == img.u ? converted.clone() : converted;
}

}  // namespace skyweave
