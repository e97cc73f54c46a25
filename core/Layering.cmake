# The allowed #include edges between the domains of core/, read by core/CMakeLists.txt (each domain
# library links exactly the domains listed for it) and by tests/core/CheckCoreLayers.cmake (CTest
# core.layers: every `#include "domain/..."` under core/<domain>/ must be one of these edges, and the
# domains must form no cycle).
#
# Layers, lowest first; a domain may include only domains of lower layers:
#   0  common                  errors, cancel/progress, parameter schemas, atomic files, times, transforms, libav handles
#   1  memory  fits  io        memory figures, budgets and the cgroup fit; FITS files; image files and frame sinks
#   2  track  encode           alignment and motion tracking; in-process video encoding
#   3  stack  interp           the engines: one request and one run path each (StackRequest, InterpolateRequest)
#   4  sample                  synthetic data made with the engines' file writers
#   5  jobs                    the job model (Job, JobRunner, TaskJob) and the job of every engine
#
# `jobs` is on top: StackJob, InterpolateJob and SampleJob wrap runStackRequest(), runInterpolateRequest()
# and the sample generator, so the engines never include the job model and run the same from a job, a test
# or a benchmark.
set(SKYWEAVE_CORE_DOMAINS common memory fits io track encode stack interp sample jobs)

set(SKYWEAVE_CORE_DEPS_common "")
set(SKYWEAVE_CORE_DEPS_memory common)
set(SKYWEAVE_CORE_DEPS_fits common)
set(SKYWEAVE_CORE_DEPS_io common)
set(SKYWEAVE_CORE_DEPS_track common memory fits io)
set(SKYWEAVE_CORE_DEPS_encode common memory fits io)
set(SKYWEAVE_CORE_DEPS_stack common memory fits io track encode)
set(SKYWEAVE_CORE_DEPS_interp common memory fits io track encode)
set(SKYWEAVE_CORE_DEPS_sample common memory fits io track encode stack interp)
set(SKYWEAVE_CORE_DEPS_jobs common memory fits io track encode stack interp sample)
