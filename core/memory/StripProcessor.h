#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <opencv2/core/mat.hpp>

#include "common/CancelToken.h"

namespace skyweave {

/**
 * @brief Runs a function over horizontal strips of an image so its working memory stays within a budget.
 *
 * The strip height comes from a byte budget: rows = budget / (bytes of one input row × costFactor),
 * where costFactor counts the copies `fn` makes of its strip (input, output, temporaries). For
 * neighbourhood operations (blur, flow) `haloRows` extra rows above and below are passed along and
 * cropped away afterwards, so the result equals the whole-image result exactly as long as `fn` reaches
 * no further than the halo. Strips are processed one after another (the budget is for one strip);
 * the cancel token is checked between strips.
 */
class StripProcessor {
public:
    /// `fn(strip, firstRow)`: `strip` is a view (no copy) of rows [firstRow − halo, lastRow + halo] clipped
    /// to the image; it returns a matrix with strip.rows rows and the same columns and type for every strip.
    using StripFunction = std::function<cv::Mat(const cv::Mat& strip, int firstRow)>;

    /// @param stripBudgetBytes bytes one strip's processing may use; @param costFactor copies per strip (≥
    /// 1).
    explicit StripProcessor(std::uint64_t stripBudgetBytes, int haloRows = 0, double costFactor = 1.0);

    /// Rows per strip (before the halo) for an image whose rows are `rowBytes` long; at least 1.
    [[nodiscard]] int stripRows(std::uint64_t rowBytes) const;
    /// The row ranges [start, end) the image is split into, in order, covering 0..rows exactly.
    [[nodiscard]] std::vector<cv::Range> plan(int rows, std::uint64_t rowBytes) const;

    /**
     * @brief fn over every strip of `input`, reassembled into one image of input.rows rows.
     * @throws SkyweaveError (Internal) when fn returns a strip of the wrong shape; CancelledError on cancel.
     */
    [[nodiscard]] cv::Mat process(const cv::Mat& input, const StripFunction& fn,
                                  const CancelToken& cancel = {}) const;

private:
    std::uint64_t budgetBytes_;
    int haloRows_;
    double costFactor_;
};

}  // namespace skyweave
