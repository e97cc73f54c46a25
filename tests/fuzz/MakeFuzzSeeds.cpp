// Writes the binary seed corpora of the fuzz targets at test time (no binary file is committed):
//   make_fuzz_seeds OUT_DIR   →  OUT_DIR/seeds/{fits,image}/ and empty OUT_DIR/corpus/<target>/
// FITS seeds come from the product's own FitsWriter (every stored pixel type, keywords, WCS,
// an image extension, a tile-compressed image); image seeds from OpenCV's encoders.
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <fitsio.h>
#include <opencv2/imgcodecs.hpp>

#include "fits/FitsWriter.h"

namespace fs = std::filesystem;
using skyweave::fits::FitsPixelType;
using skyweave::fits::FitsWriter;

namespace {

constexpr int kWidth = 12;
constexpr int kHeight = 8;

std::vector<float> ramp() {
    std::vector<float> v(kWidth * kHeight);
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = static_cast<float>(i % 37) * 3.5f - 20.0f;
    return v;
}

void writeFits(const fs::path& path, FitsPixelType type, bool keywords, bool extension) {
    FitsWriter w(path, true);
    int hdu = 1;
    if (extension) {
        w.addImage(1, 1, FitsPixelType::Int16);  // a tiny primary, the frame in an extension
        hdu = w.addImage(kWidth, kHeight, type, "SCI");
    } else {
        hdu = w.addImage(kWidth, kHeight, type);
    }
    const auto pixels = ramp();
    w.writeRows(hdu, 0, kHeight, pixels.data());
    if (keywords) {
        w.setKeyword(hdu, "DATE-OBS", "2025-01-15T03:20:00.250");
        w.setKeyword(hdu, "EXPTIME", 30.0);
        w.setKeyword(hdu, "FILTER", "L");
        w.setKeyword(hdu, "OBJECT", "M 42");
        w.setKeyword(hdu, "GAIN", 1.25);
        w.setKeyword(hdu, "CTYPE1", "RA---TAN");
        w.setKeyword(hdu, "CTYPE2", "DEC--TAN");
        w.setKeyword(hdu, "CRVAL1", 83.82);
        w.setKeyword(hdu, "CRVAL2", -5.39);
        w.setKeyword(hdu, "CRPIX1", 6.0);
        w.setKeyword(hdu, "CRPIX2", 4.0);
        w.setKeyword(hdu, "CDELT1", -0.0003);
        w.setKeyword(hdu, "CDELT2", 0.0003);
        w.addHistory(hdu, "seed for the FitsReader fuzz target");
    }
    w.commit();
}

/// A Rice tile-compressed image (.fz layout: empty primary, compressed image in a binary table).
/// Returns cfitsio's status (0 when written).
int writeCompressedFits(const fs::path& path) {
    fitsfile* f = nullptr;
    int status = 0;
    const std::string name = "!" + path.string() + "[compress R 4,4]";
    long axes[2] = {kWidth, kHeight};
    fits_create_file(&f, name.c_str(), &status);
    fits_create_img(f, SHORT_IMG, 2, axes, &status);
    // Compressed images take their stored type only (cfitsio converts no other when compressing).
    std::vector<short> pixels;
    for (const float v : ramp()) pixels.push_back(static_cast<short>(v * 10.0f));
    fits_write_img(f, TSHORT, 1, static_cast<LONGLONG>(pixels.size()), pixels.data(), &status);
    char date[] = "2025-01-15T03:20:00";
    fits_write_key(f, TSTRING, "DATE-OBS", date, nullptr, &status);
    int closeStatus = 0;
    if (f) fits_close_file(f, &closeStatus);
    return status != 0 ? status : closeStatus;
}

void writeImages(const fs::path& dir) {
    cv::Mat grey(kHeight, kWidth, CV_8UC1), colour(kHeight, kWidth, CV_8UC3), deep(kHeight, kWidth, CV_16UC1),
        alpha(kHeight, kWidth, CV_8UC4);
    cv::randu(grey, 0, 255);
    cv::randu(colour, 0, 255);
    cv::randu(deep, 0, 65535);
    cv::randu(alpha, 0, 255);
    cv::imwrite((dir / "grey.png").string(), grey);
    cv::imwrite((dir / "colour.png").string(), colour);
    cv::imwrite((dir / "deep.png").string(), deep);
    cv::imwrite((dir / "alpha.png").string(), alpha);
    cv::imwrite((dir / "grey.jpg").string(), grey);
    cv::imwrite((dir / "colour.jpg").string(), colour, {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
    cv::imwrite((dir / "colour.tif").string(), colour);
    cv::imwrite((dir / "deep.tif").string(), deep);
    cv::imwrite((dir / "grey.bmp").string(), grey);
    cv::imwrite((dir / "colour.bmp").string(), colour);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_fuzz_seeds OUT_DIR\n");
        return 2;
    }
    const fs::path out = argv[1];
    try {
        for (const char* sub : {"seeds/fits", "seeds/image", "corpus/fits_reader_fuzzer", "corpus/image_header_fuzzer",
                                "corpus/ephemeris_reader_fuzzer", "artifacts"})
            fs::create_directories(out / sub);
        const fs::path fits = out / "seeds/fits";
        writeFits(fits / "float32.fits", FitsPixelType::Float32, true, false);
        writeFits(fits / "int16.fits", FitsPixelType::Int16, true, false);
        writeFits(fits / "int32-plain.fits", FitsPixelType::Int32, false, false);
        writeFits(fits / "extension.fits", FitsPixelType::Float32, true, true);
        if (const int status = writeCompressedFits(fits / "compressed.fits.fz"); status != 0) {
            std::fprintf(stderr, "make_fuzz_seeds: cannot write the compressed seed: %s\n",
                         skyweave::fits::fitsErrorText(status).c_str());
            return 1;
        }
        writeImages(out / "seeds/image");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "make_fuzz_seeds: %s\n", e.what());
        return 1;
    }
    return 0;
}
