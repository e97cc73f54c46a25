#pragma once

#include <QString>

namespace skyweave::resources {

/// Resource path of the application icon (scalable).
inline QString appIconPath() { return QStringLiteral(":/icons/skyweave.svg"); }

}  // namespace skyweave::resources
