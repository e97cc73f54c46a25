#include "SampleCommand.h"

#include <QJsonDocument>
#include <string_view>

#include "JobConsole.h"
#include "SampleCliSupport.h"
#include "common/Errors.h"
#include "jobs/SampleJob.h"

namespace skyweave::cli {

int SampleCommand::run(const QStringList& args, CliContext& ctx) {
    QCommandLineParser parser;
    parser.addOption({"out", "Write the sample below DIR (created when missing): DIR/fits and DIR/loop.", "DIR"});
    addSampleSizeOptions(parser);
    parser.addOption({"overwrite", "Replace the files of an earlier sample in DIR."});
    parser.addOption({"json", "Print the files written as JSON on stdout."});
    addConsoleOptions(parser);
    const QString description =
        "Writes Skyweave's synthetic sample data:\n"
        "  DIR/fits/  16 FITS frames 512x512 (BITPIX -32, TAN WCS, DATE-OBS with milliseconds) of a star\n"
        "             field with a faint asteroid; ephemeris.csv and ephemeris_horizons.txt for it;\n"
        "             truth.json with its true pixel positions per frame.\n"
        "  DIR/loop/  24 PNG frames 640x480 of clouds moving in a smooth wind, goes_YYYYMMDD_HHMMSS.png.\n"
        "The same options always give byte-identical files.";
    if (const int code = parseCommandLine(parser, args, name(), description, ctx); code != kContinue) return code;
    if (!parser.positionalArguments().isEmpty())
        return usageError(ctx, name(), "unexpected argument '" + parser.positionalArguments().first() + "'");
    if (!parser.isSet("out") || parser.value("out").isEmpty()) return usageError(ctx, name(), "--out DIR is required");

    sample::SampleOptions options;
    options.overwrite = parser.isSet("overwrite");
    if (const auto problem = applySampleSizeOptions(parser, options)) return usageError(ctx, name(), *problem);

    auto job = std::make_shared<SampleJob>(parser.value("out"), options);
    const JobEnd end = runJobInConsole(job, ctx, consoleOptions(parser, name(), QStringLiteral("files")));
    if (end.state == Job::State::Finished) {
        if (parser.isSet("json")) ctx.out << QJsonDocument(sampleManifestJson(job->manifest())).toJson(QJsonDocument::Indented);
        else printSampleManifest(ctx.out, job->manifest(), options);
        ctx.out.flush();
    }
    const int code = exitCodeFor(end, ctx, name(), QStringLiteral("cancelled; files already finished were kept."));
    if (end.state == Job::State::Failed && !options.overwrite && end.message.contains(QLatin1String("already exists")))
        ctx.err << "Use --overwrite to replace an earlier sample.\n";
    return code;
}

}  // namespace skyweave::cli
