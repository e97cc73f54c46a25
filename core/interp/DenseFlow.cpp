#include "interp/DenseFlow.h"

#include <opencv2/optflow.hpp>
#include <opencv2/video/tracking.hpp>

namespace skyweave {

namespace {

cv::Ptr<cv::DenseOpticalFlow> makeDis(FlowQuality quality) {
    switch (quality) {
        case FlowQuality::Fast: return cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_FAST);
        case FlowQuality::Medium: return cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_MEDIUM);
        case FlowQuality::Fine: {
            // MEDIUM down to the finest pyramid level with denser patches and more refinement: smoother
            // fields on slowly deforming clouds, about 3× the cost of MEDIUM.
            auto dis = cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_MEDIUM);
            dis->setFinestScale(0);
            dis->setPatchStride(3);
            dis->setGradientDescentIterations(25);
            dis->setVariationalRefinementIterations(10);
            return dis;
        }
    }
    return cv::DISOpticalFlow::create(cv::DISOpticalFlow::PRESET_MEDIUM);
}

cv::Ptr<cv::DenseOpticalFlow> makeFarneback(FlowQuality quality) {
    // Window and iterations grow with quality; 5 levels reach motions of ~30 px at the flow level.
    switch (quality) {
        case FlowQuality::Fast: return cv::FarnebackOpticalFlow::create(4, 0.5, false, 13, 2, 5, 1.1);
        case FlowQuality::Medium: return cv::FarnebackOpticalFlow::create(5, 0.5, false, 17, 3, 5, 1.1);
        case FlowQuality::Fine: return cv::FarnebackOpticalFlow::create(5, 0.5, false, 21, 5, 7, 1.5);
    }
    return cv::FarnebackOpticalFlow::create();
}

cv::Ptr<cv::DenseOpticalFlow> makeTvl1(FlowQuality quality) {
    auto tvl1 = cv::optflow::createOptFlow_DualTVL1();
    tvl1->setWarpingsNumber(quality == FlowQuality::Fast ? 3 : 5);
    tvl1->setOuterIterations(quality == FlowQuality::Fine ? 20 : 10);
    tvl1->setInnerIterations(quality == FlowQuality::Fine ? 30 : 15);
    return tvl1;
}

}  // namespace

cv::Mat computeDenseFlow(const cv::Mat& from, const cv::Mat& to, FlowAlgorithm algorithm, FlowQuality quality) {
    CV_Assert(from.type() == CV_8UC1 && to.type() == CV_8UC1 && from.size() == to.size());
    cv::Ptr<cv::DenseOpticalFlow> engine;
    switch (algorithm) {
        case FlowAlgorithm::Dis: engine = makeDis(quality); break;
        case FlowAlgorithm::Farneback: engine = makeFarneback(quality); break;
        case FlowAlgorithm::DualTvl1: engine = makeTvl1(quality); break;
    }
    cv::Mat flow(from.size(), CV_32FC2, cv::Scalar::all(0));
    engine->calc(from, to, flow);
    return flow;
}

}  // namespace skyweave
