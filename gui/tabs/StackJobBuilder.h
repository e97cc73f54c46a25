#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <opencv2/core/mat.hpp>

#include "jobs/Job.h"

namespace skyweave::gui {

/// What the Stack tab's form says, in plain values (names as the CLI spells them).
struct StackForm {
    QStringList frames;
    QString output;
    QString method = QStringLiteral("median");
    QString rejection = QStringLiteral("none");
    double sigmaLow = 3.0;
    double sigmaHigh = 3.0;
    int iterations = 10;
    QString alignment = QStringLiteral("none");
    bool track = false;
    QString objectName;
    QString ephemeris;           ///< empty: track by rate
    double rateArcsecPerMin = 0.0;
    double positionAngleDeg = 0.0;
    std::uint64_t memoryLimitBytes = 2ULL << 30;
    int chunkSize = 10;
    bool forceChunked = false;
    int workers = 0;             ///< 0 = automatic
};

/// The stacking job for `form`, or nullptr with `error` saying what to fix.
std::shared_ptr<Job> buildStackJob(const StackForm& form, QString& error);

/// The primary image of a FITS file as CV_32F (empty on failure; the reason is logged).
cv::Mat loadFitsImage(const QString& path);

}  // namespace skyweave::gui
