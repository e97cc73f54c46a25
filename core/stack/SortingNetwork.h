#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace skyweave {

/**
 * @brief A comparator network that sorts (or selects from) n values, applied to many pixels at once.
 *
 * Built with Batcher's merge-exchange (Knuth, TAOCP vol. 3, §5.2.2, Algorithm M), which works for
 * any n. For a median only the comparators that can affect the middle outputs are kept (pruned
 * backwards from those outputs). The network is data-independent, so applying it to kLanes
 * pixels side by side is branch-free and vectorises (min/max on whole lanes) — the reason the
 * per-pixel selection no longer dominates the stack (see core/stack/README.md).
 */
class SortingNetwork {
public:
    static constexpr int kLanes = 16;  ///< pixels processed together (two AVX or four SSE registers)

    /// Full sort of n values.
    static SortingNetwork sorter(int n);
    /// Only what places the values of ranks k0 and k1 correctly.
    static SortingNetwork selector(int n, int k0, int k1);

    [[nodiscard]] int size() const { return n_; }
    [[nodiscard]] std::size_t comparatorCount() const { return pairs_.size(); }

    /// Sorts each lane of `values` (n rows of kLanes floats, row f = value f of every lane). NaN-free input.
    void apply(float* values) const;

private:
    int n_ = 0;
    std::vector<std::pair<std::uint16_t, std::uint16_t>> pairs_;
};

}  // namespace skyweave
