#pragma once

#include <QRect>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <memory>

#include "encode/EncodeParams.h"
#include "interp/InterpolationParams.h"
#include "jobs/Job.h"

namespace skyweave::gui {

/// What the Interpolate tab's form says, already in core's parameter structs.
struct InterpolateForm {
    QStringList inputs;  ///< a folder, or image files
    InterpolationParams interpolation;
    EncodeParams encode;  ///< outputPath is the video file
    QRect crop;           ///< source pixels; empty = whole frame
    std::uint64_t maxImageBytes = 0;
    int workers = 0;      ///< 0 = automatic
};

/// The interpolation job for `form`, or nullptr with `error` saying what to fix.
std::shared_ptr<Job> buildInterpolateJob(const InterpolateForm& form, QString& error);

}  // namespace skyweave::gui
