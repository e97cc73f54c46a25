#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>
#include <opencv2/core/mat.hpp>

#include "jobs/Job.h"
#include "stack/StackParams.h"

namespace skyweave {
class MemoryMonitor;
}

namespace skyweave::gui {

/// What the Stack tab's form says beyond StackParams: the registration choices (CLI spelling).
struct StackForm {
    StackParams params;          ///< inputs, output, combine, memory limit, chunks, threads
    QString alignment = QStringLiteral("none");  ///< none | wcs | stars
    bool track = false;
    QString objectName;
    QString ephemeris;           ///< empty: track by rate
    double rateArcsecPerMin = 0.0;
    double positionAngleDeg = 0.0;
};

/// The stacking job for `form` following `monitor`, or nullptr with `error` saying what to fix.
std::shared_ptr<Job> buildStackJob(const StackForm& form, MemoryMonitor* monitor, QString& error);

/// The primary image of a FITS file as CV_32F (empty on failure; the reason is logged).
cv::Mat loadFitsImage(const QString& path);

}  // namespace skyweave::gui
