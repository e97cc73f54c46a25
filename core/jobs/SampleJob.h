#pragma once

#include <QString>
#include <optional>

#include "jobs/Job.h"
#include "sample/SampleGenerator.h"

namespace skyweave {

/**
 * @brief Writes the sample data (core/sample) as a cancellable job: `skyweave-cli sample`, the demo
 *        command and `skyweave --demo`.
 *
 * With `reuseComplete`, a folder that already holds a complete default sample is taken as it is (the
 * generator's output is identical for identical options), so a second demo starts at once; an
 * incomplete one is written over.
 */
class SampleJob : public Job {
    Q_OBJECT

public:
    SampleJob(QString outDir, sample::SampleOptions options, bool reuseComplete = false, QObject* parent = nullptr);

    /// What was written; valid after finished().
    [[nodiscard]] const sample::SampleManifest& manifest() const { return manifest_; }
    [[nodiscard]] QString outDir() const { return outDir_; }

protected:
    QString execute() override;

private:
    QString outDir_;
    sample::SampleOptions options_;
    bool reuseComplete_;
    sample::SampleManifest manifest_;
};

}  // namespace skyweave
