#include "memory/StripProcessor.h"

#include <algorithm>
#include <string>

#include "common/Errors.h"

namespace skyweave {

StripProcessor::StripProcessor(std::uint64_t stripBudgetBytes, int haloRows, double costFactor)
    : budgetBytes_(stripBudgetBytes),
      haloRows_(std::max(haloRows, 0)),
      costFactor_(std::max(costFactor, 1.0)) {}

int StripProcessor::stripRows(std::uint64_t rowBytes) const {
    if (rowBytes == 0) return 1;
    const double perRow = static_cast<double>(rowBytes) * costFactor_;
    // The halo rows are processed too, so they come out of the same budget.
    const double rows = static_cast<double>(budgetBytes_) / perRow - 2.0 * haloRows_;
    return rows >= 1.0 ? static_cast<int>(std::min(rows, 1.0e9)) : 1;
}

std::vector<cv::Range> StripProcessor::plan(int rows, std::uint64_t rowBytes) const {
    std::vector<cv::Range> strips;
    const int step = stripRows(rowBytes);
    for (int start = 0; start < rows; start += step) strips.emplace_back(start, std::min(rows, start + step));
    return strips;
}

cv::Mat StripProcessor::process(const cv::Mat& input, const StripFunction& fn,
                                const CancelToken& cancel) const {
    if (input.empty()) return {};
    const std::uint64_t rowBytes = static_cast<std::uint64_t>(input.cols) * input.elemSize();
    cv::Mat output;
    for (const cv::Range& strip : plan(input.rows, rowBytes)) {
        cancel.throwIfCancelled();
        const int top = std::max(0, strip.start - haloRows_);
        const int bottom = std::min(input.rows, strip.end + haloRows_);
        const cv::Mat result = fn(input.rowRange(top, bottom), strip.start);
        if (result.rows != bottom - top ||
            (!output.empty() && (result.cols != output.cols || result.type() != output.type()))) {
            throw SkyweaveError(ErrorKind::Internal,
                                "strip function returned " + std::to_string(result.rows) + "x" +
                                    std::to_string(result.cols) + " for a strip of " +
                                    std::to_string(bottom - top) + " rows starting at row " +
                                    std::to_string(strip.start));
        }
        if (output.empty()) output.create(input.rows, result.cols, result.type());
        result.rowRange(strip.start - top, strip.end - top).copyTo(output.rowRange(strip.start, strip.end));
    }
    return output;
}

}  // namespace skyweave
