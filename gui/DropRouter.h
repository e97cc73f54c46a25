#pragma once

#include <QList>
#include <QStringList>
#include <QUrl>

namespace skyweave::gui {

/**
 * @brief Decides where dropped files go: FITS frames to the Stack tab, image sequences and
 *        video names to the Interpolate tab.
 *
 * A folder goes to Stack when it holds FITS files, to Interpolate when it holds images.
 * Pure (file system reads only), so the rule is tested without widgets.
 */
struct DropRoute {
    QStringList stackPaths;        ///< FITS files and folders of FITS files
    QStringList interpolatePaths;  ///< images and folders of images
    QString videoOutput;           ///< a dropped .mp4/.mkv/.mov: the Interpolate output
    QStringList unknown;           ///< neither (the receiving tab explains why)

    [[nodiscard]] bool isEmpty() const {
        return stackPaths.isEmpty() && interpolatePaths.isEmpty() && videoOutput.isEmpty() && unknown.isEmpty();
    }
};

DropRoute routeDroppedUrls(const QList<QUrl>& urls);

/// True for names the interpolation accepts as frames (.png .jpg .jpeg .tif .tiff .bmp).
bool isImageName(const QString& fileName);
/// True for video containers Skyweave writes (.mp4 .mkv .mov).
bool isVideoName(const QString& fileName);

}  // namespace skyweave::gui
