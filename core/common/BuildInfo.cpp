#include "common/BuildInfo.h"

#include <QtGlobal>
#include <fitsio.h>
#include <opencv2/core/version.hpp>
#include <wcslib/wcsconfig.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswscale/swscale.h>
}

#include "SkyweaveVersion.h"

#include <cstdio>

namespace skyweave {

namespace {
std::string avVersion(unsigned v) {
    return std::to_string(v >> 16) + "." + std::to_string((v >> 8) & 0xff) + "." + std::to_string(v & 0xff);
}
}  // namespace

std::string versionString() { return SKYWEAVE_VERSION_STRING; }

std::vector<std::pair<std::string, std::string>> libraryVersions() {
    float cfitsioVersion = 0.0f;
    fits_get_version(&cfitsioVersion);
    char cfitsioText[32];
    std::snprintf(cfitsioText, sizeof cfitsioText, "%.3f", static_cast<double>(cfitsioVersion));
    // wcsconfig.h defines the version as a bare number (7.12), not a string.
    char wcslibText[32];
    std::snprintf(wcslibText, sizeof wcslibText, "%.2f", static_cast<double>(WCSLIB_VERSION));
    return {
        {"Qt", qVersion()},
        {"OpenCV", CV_VERSION},
        {"cfitsio", cfitsioText},
        {"wcslib", wcslibText},
        {"FFmpeg", av_version_info()},
        {"libavcodec", avVersion(avcodec_version())},
        {"libavformat", avVersion(avformat_version())},
        {"libswscale", avVersion(swscale_version())},
    };
}

}  // namespace skyweave
