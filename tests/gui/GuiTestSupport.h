#pragma once

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDir>
#include <QDropEvent>
#include <QMimeData>
#include <QStandardPaths>
#include <QString>
#include <QUrl>
#include <QWidget>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "fits/FitsWriter.h"

namespace skyweave::test {

/// A small float32 FITS image filled with `value` plus a gentle ramp, with DATE-OBS and EXPTIME.
inline void writeFits(const std::filesystem::path& path, int width, int height, float value) {
    fits::FitsWriter writer(path, true);
    const int hdu = writer.addImage(width, height, fits::FitsPixelType::Float32);
    std::vector<float> pixels(static_cast<std::size_t>(width) * height);
    for (std::size_t i = 0; i < pixels.size(); ++i) pixels[i] = value + static_cast<float>(i % width) * 0.01f;
    writer.writeRows(hdu, 0, height, pixels.data());
    writer.setKeyword(hdu, "DATE-OBS", std::string("2025-01-15T03:20:00.250"));
    writer.setKeyword(hdu, "EXPTIME", 60.0);
    writer.setKeyword(hdu, "FILTER", std::string("L"));
    writer.commit();
}

/// `count` grey PNG frames of a bright square moving right by `stepPx` per frame.
inline void writeFrames(const std::filesystem::path& dir, int count, int width, int height, int stepPx = 2) {
    std::filesystem::create_directories(dir);
    for (int k = 0; k < count; ++k) {
        cv::Mat frame(height, width, CV_8UC1, cv::Scalar(30));
        cv::rectangle(frame, cv::Rect(4 + k * stepPx, height / 4, width / 4, height / 2), cv::Scalar(220), cv::FILLED);
        char name[64];
        std::snprintf(name, sizeof name, "frame_%03d.png", k);
        cv::imwrite((dir / name).string(), frame);
    }
}

/// A fake proc root (see core/memory/README.md) reporting `availableMb` of `totalMb`.
inline void writeFakeProc(const std::filesystem::path& root, std::uint64_t totalMb, std::uint64_t availableMb) {
    std::filesystem::create_directories(root / "proc/self");
    std::ofstream(root / "proc/meminfo") << "MemTotal:       " << totalMb * 1024 << " kB\n"
                                         << "MemFree:        " << availableMb * 1024 << " kB\n"
                                         << "MemAvailable:   " << availableMb * 1024 << " kB\n";
    std::ofstream(root / "proc/self/status") << "VmHWM:\t  512000 kB\nVmRSS:\t  420000 kB\n";
    std::ofstream(root / "proc/self/cgroup") << "0::/\n";
}

/// Delivers a real drop of `paths` (as file URLs) onto `target`, as a file manager would.
inline void dropFiles(QWidget* target, const QStringList& paths) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths) urls << QUrl::fromLocalFile(p);
    mime.setUrls(urls);
    const QPointF where(target->width() / 2.0, target->height() / 2.0);
    QDragEnterEvent enter(where.toPoint(), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &enter);
    ASSERT_TRUE(enter.isAccepted());
    QDropEvent drop(where, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(target, &drop);
    ASSERT_TRUE(drop.isAccepted());
}

}  // namespace skyweave::test
