#include "DropRouter.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

#include "io/SequenceLoader.h"
#include "models/FitsFileListModel.h"

namespace skyweave::gui {

bool isImageName(const QString& fileName) {
    const QString lower = fileName.toLower();
    const auto& extensions = SequenceLoader::imageExtensions();
    return std::any_of(extensions.begin(), extensions.end(),
                       [&](const std::string& ext) { return lower.endsWith(QString::fromStdString(ext)); });
}

bool isVideoName(const QString& fileName) {
    const QString lower = fileName.toLower();
    return lower.endsWith(QLatin1String(".mp4")) || lower.endsWith(QLatin1String(".mkv")) ||
           lower.endsWith(QLatin1String(".mov"));
}

DropRoute routeDroppedUrls(const QList<QUrl>& urls) {
    DropRoute route;
    for (const QUrl& url : urls) {
        if (!url.isLocalFile()) {
            route.unknown << url.toString();
            continue;
        }
        const QString path = url.toLocalFile();
        const QFileInfo info(path);
        if (info.isDir()) {
            const QStringList names = QDir(path).entryList(QDir::Files);
            if (std::any_of(names.begin(), names.end(), FitsFileListModel::isFitsName)) route.stackPaths << path;
            else if (std::any_of(names.begin(), names.end(), isImageName)) route.interpolatePaths << path;
            else route.unknown << path;
        } else if (FitsFileListModel::isFitsName(info.fileName())) {
            route.stackPaths << path;
        } else if (isImageName(info.fileName())) {
            route.interpolatePaths << path;
        } else if (isVideoName(info.fileName())) {
            route.videoOutput = path;
        } else {
            route.unknown << path;
        }
    }
    return route;
}

}  // namespace skyweave::gui
