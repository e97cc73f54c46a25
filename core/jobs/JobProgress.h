#pragma once

#include <QMetaType>
#include <QString>
#include <cstdint>

namespace skyweave {

/// What a Job reports to its observers: units done, rate and time left, and a short stage text.
struct JobProgress {
    std::int64_t done = 0;
    std::int64_t total = 0;
    double fraction = 0.0;           ///< done / total in [0, 1]; 0 while total is unknown
    double ratePerSecond = -1.0;     ///< units per second; negative until known
    double etaSeconds = -1.0;        ///< time left; negative until known
    double elapsedSeconds = 0.0;
    QString stage;
    QString unit;  ///< what done/total count ("frames", "rows"); empty: the job's usual unit
};

}  // namespace skyweave

Q_DECLARE_METATYPE(skyweave::JobProgress)
