#include "common/ThreadPoolTask.h"

#include <QThreadPool>

// ThreadSanitizer's annotation entry points (clang: __has_feature; gcc: __SANITIZE_THREAD__).
#if defined(__SANITIZE_THREAD__)
#define SKYWEAVE_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define SKYWEAVE_TSAN 1
#endif
#endif

#ifdef SKYWEAVE_TSAN
extern "C" void __tsan_acquire(void* addr);
extern "C" void __tsan_release(void* addr);
#endif

namespace skyweave {

namespace {

void publish([[maybe_unused]] void* task) {
#ifdef SKYWEAVE_TSAN
    __tsan_release(task);
#endif
}

void receive([[maybe_unused]] void* task) {
#ifdef SKYWEAVE_TSAN
    __tsan_acquire(task);
#endif
}

}  // namespace

ThreadPoolTask::ThreadPoolTask(std::function<void()> task) : task_(std::move(task)) { setAutoDelete(true); }

void ThreadPoolTask::start(QThreadPool& pool, std::function<void()> task) {
    auto* runnable = new ThreadPoolTask(std::move(task));
    publish(runnable);
    pool.start(runnable);
}

void ThreadPoolTask::run() {
    receive(this);
    task_();
}

}  // namespace skyweave
