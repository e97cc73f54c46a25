#pragma once

#include <QJsonObject>
#include <QString>

#include "stack/StackParams.h"
#include "track/Registration.h"

namespace skyweave::cli {

/**
 * @brief The stack command's `--align`, `--object`, `--ephemeris` and `--rate` options as
 *        core/track RegistrationParams.
 *
 * @param rate "ARCSEC_PER_MIN,PA_DEG" or empty
 * @return empty on success, else the usage-error text
 */
QString registrationFromOptions(const QString& align, const QString& object, const QString& ephemeris,
                                const QString& rate, track::RegistrationParams& out);

/// Per-frame registration for `--json`: time, object shift, alignment residual, skip reasons.
QJsonObject registrationToJson(const track::RegistrationResult& result, const StackParams& params);

}  // namespace skyweave::cli
