#include "RecentFolder.h"

#include <QDir>
#include <QFileInfo>

namespace skyweave::gui {

QString& RecentFolder::storage() {
    static QString folder;
    return folder;
}

QString RecentFolder::path() {
    const QString& folder = storage();
    return !folder.isEmpty() && QFileInfo(folder).isDir() ? folder : QDir::homePath();
}

void RecentFolder::setPath(const QString& folder) { storage() = folder; }

void RecentFolder::remember(const QString& fileOrFolder) {
    if (fileOrFolder.isEmpty()) return;
    const QFileInfo info(fileOrFolder);
    storage() = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
}

QString RecentFolder::startFor(const QString& current) {
    if (current.trimmed().isEmpty()) return path();
    const QFileInfo info(current.trimmed());
    // A file name without a folder (e.g. "stacked.fits") opens in the last folder under that name.
    return info.isRelative() ? QDir(path()).filePath(current.trimmed()) : info.absoluteFilePath();
}

}  // namespace skyweave::gui
