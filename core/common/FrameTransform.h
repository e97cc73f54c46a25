#pragma once

#include <array>

namespace skyweave {

/**
 * @brief Maps output (reference-frame) pixel coordinates to one input frame's pixels.
 *
 * x_in = a·x_out + b·y_out + tx,  y_in = c·x_out + d·y_out + ty   (0-based pixel centres).
 * Identity for pre-registered frames; a pure translation for motion tracking; a similarity
 * for star alignment. Alignment and tracking compose by chaining.
 */
struct FrameTransform {
    double a = 1.0, b = 0.0, tx = 0.0;
    double c = 0.0, d = 1.0, ty = 0.0;

    static FrameTransform translation(double dx, double dy) { return {1.0, 0.0, dx, 0.0, 1.0, dy}; }
    [[nodiscard]] bool isTranslation() const { return a == 1.0 && b == 0.0 && c == 0.0 && d == 1.0; }
    [[nodiscard]] std::array<double, 2> apply(double x, double y) const { return {a * x + b * y + tx, c * x + d * y + ty}; }
    /// (this ∘ first): apply `first`, then this.
    [[nodiscard]] FrameTransform after(const FrameTransform& first) const {
        return {a * first.a + b * first.c, a * first.b + b * first.d, a * first.tx + b * first.ty + tx,
                c * first.a + d * first.c, c * first.b + d * first.d, c * first.tx + d * first.ty + ty};
    }
};

}  // namespace skyweave
