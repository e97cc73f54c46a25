#include "WindowPlacement.h"

#include <algorithm>

namespace skyweave::gui::WindowPlacement {

QRect initialGeometry(const QRect& available, const QMargins& frame) {
    const QRect inside = available.marginsRemoved(frame);
    const int width = std::min(kMaxWidth, inside.width());
    const int height = std::min(kMaxHeight, inside.height());
    QRect geometry(0, 0, width, height);
    geometry.moveCenter(inside.center());
    return geometry;
}

bool fits(const QRect& geometry, const QRect& available, const QMargins& frame) {
    return geometry.isValid() && available.contains(geometry.marginsAdded(frame));
}

}  // namespace skyweave::gui::WindowPlacement
