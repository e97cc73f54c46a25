#pragma once

#include <QMargins>
#include <QRect>

namespace skyweave::gui {

/**
 * @brief Where the main window goes on a given screen area: pure arithmetic on rectangles.
 *
 * Window geometry here is the client area (what QWidget::geometry() is); the title bar and borders
 * the window manager adds around it are not known before the window is shown, so an allowance
 * (kFrameAllowance) stands in for them. On a 1280×720 screen the whole window, title bar and status
 * bar included, then stays on screen.
 */
namespace WindowPlacement {

/// Title bar and borders a window manager typically adds (left, top, right, bottom), in pixels.
inline constexpr QMargins kFrameAllowance{4, 34, 4, 4};
/// The first window is never larger than this (a 4K screen does not need a 4K window).
inline constexpr int kMaxWidth = 1400;
inline constexpr int kMaxHeight = 900;

/// First-start geometry: the largest size up to kMaxWidth × kMaxHeight whose frame fits `available`,
/// centred in it.
[[nodiscard]] QRect initialGeometry(const QRect& available, const QMargins& frame = kFrameAllowance);

/// True when a window with client geometry `geometry` and frame `frame` lies inside `available`.
[[nodiscard]] bool fits(const QRect& geometry, const QRect& available, const QMargins& frame = kFrameAllowance);

}  // namespace WindowPlacement

}  // namespace skyweave::gui
