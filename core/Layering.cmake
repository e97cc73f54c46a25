# The allowed #include edges between the domains of core/, read by core/CMakeLists.txt (each domain
# library links exactly the domains listed for it) and by tests/core/CheckCoreLayers.cmake (CTest
# core.layers: every `#include "domain/..."` under core/<domain>/ must be one of these edges, and the
# domains must form no cycle).
#
# Layers, lowest first; a domain may include only domains of lower layers:
#   0  common                  errors, cancel/progress, atomic files, times, transforms, libav handles
#   1  memory  fits  io        memory figures and budgets; FITS files; image files and frame sinks
#   2  jobs                    the job *model*: Job base class, JobProgress, JobRunner (QtCore only)
#   3  track  encode           alignment and motion tracking; in-process video encoding
#   4  stack  interp           the engines and their jobs (StackJob, InterpolateJob derive from Job)
#   5  sample                  synthetic data made with the engines' file writers
#
# `jobs` holds what every long operation shares, not the operations themselves: the domain jobs
# (stack/StackJob, interp/InterpolateJob) derive from jobs/Job, so stack -> jobs and interp -> jobs
# are downward edges, and jobs itself may never include stack or interp.
set(SKYWEAVE_CORE_DOMAINS common memory fits io jobs track encode stack interp sample)

set(SKYWEAVE_CORE_DEPS_common "")
set(SKYWEAVE_CORE_DEPS_memory common)
set(SKYWEAVE_CORE_DEPS_fits common)
set(SKYWEAVE_CORE_DEPS_io common)
set(SKYWEAVE_CORE_DEPS_jobs common memory)
set(SKYWEAVE_CORE_DEPS_track common memory fits io)
set(SKYWEAVE_CORE_DEPS_encode common memory fits io)
set(SKYWEAVE_CORE_DEPS_stack common memory fits io jobs track encode)
set(SKYWEAVE_CORE_DEPS_interp common memory fits io jobs track encode)
set(SKYWEAVE_CORE_DEPS_sample common memory fits io jobs track encode stack interp)
