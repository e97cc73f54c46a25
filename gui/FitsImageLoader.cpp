#include "FitsImageLoader.h"

#include <exception>
#include <vector>

#include "fits/FitsReader.h"
#include "fits/HeaderCards.h"
#include "track/Wcs.h"

namespace skyweave::gui {

LoadedFitsImage loadFitsForViewer(const QString& path) {
    LoadedFitsImage out;
    try {
        const fits::FitsReader reader(path.toStdString());
        std::vector<float> pixels = reader.readImage();
        out.image = cv::Mat(reader.height(), reader.width(), CV_32F, pixels.data()).clone();
        if (reader.summary().hasCelestialWcs) {
            try {
                out.wcs = std::make_shared<const track::Wcs>(
                    track::Wcs::fromHeader(fits::HeaderCards(reader.summary().headerCards), path.toStdString()));
            } catch (const std::exception&) {
                // A WCS wcslib cannot evaluate: the image still shows, without RA/Dec in the readout.
            }
        }
    } catch (const std::exception& e) {
        out.image = cv::Mat();
        out.error = QString::fromLocal8Bit(e.what());
    }
    return out;
}

}  // namespace skyweave::gui
