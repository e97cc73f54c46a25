#include "SchemaOptions.h"

#include <QStringList>

namespace skyweave::cli {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

QString helpText(const ParamSpec& spec) {
    QString text = q(spec.help);
    if (spec.type == ParamType::Choice) {
        QStringList names;
        for (const auto& c : spec.choices) names << q(c.value);
        text += QStringLiteral(" One of: %1.").arg(names.join(QStringLiteral(", ")));
    } else if ((spec.type == ParamType::Int || spec.type == ParamType::Number) && spec.maximum < 1e9) {
        // (Bounds that are effectively open, like the absolute ones of range rejection, are not worth a line.)
        text += QStringLiteral(" Range %1–%2.").arg(q(formatNumber(spec.minimum)), q(formatNumber(spec.maximum)));
    }
    if (!spec.defaultText.empty() && spec.type != ParamType::Flag)
        text += QStringLiteral(" Default %1%2.").arg(q(spec.defaultText), spec.type == ParamType::Size ? " GiB" : "");
    return text;
}

}  // namespace

void addSchemaOptions(QCommandLineParser& parser, const ParamSchema& schema, const std::set<std::string>& skip) {
    for (const ParamSpec& spec : schema.params()) {
        if (skip.count(spec.key)) continue;
        QStringList names;
        if (spec.shortName) names << QString(QChar::fromLatin1(spec.shortName));
        names << q(spec.key);
        if (spec.type == ParamType::Flag) parser.addOption(QCommandLineOption(names, helpText(spec)));
        else parser.addOption(QCommandLineOption(names, helpText(spec), q(spec.valueName.empty() ? "VALUE" : spec.valueName)));
    }
}

ParamValues schemaValues(const QCommandLineParser& parser, const ParamSchema& schema, const std::set<std::string>& skip) {
    ParamValues values;
    for (const ParamSpec& spec : schema.params()) {
        if (skip.count(spec.key) || !parser.isSet(q(spec.key))) continue;
        values[spec.key] = spec.type == ParamType::Flag ? std::string("true") : parser.value(q(spec.key)).toStdString();
    }
    return values;
}

QString optionMessage(const ParamError& error) { return QStringLiteral("--%1 %2").arg(q(error.key()), QString::fromUtf8(error.what())); }

}  // namespace skyweave::cli
