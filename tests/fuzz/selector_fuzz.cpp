// libFuzzer target for the migration selector: parse any bytes (as UTF-8); a failure must
// carry a sane position and a reason; a success must print canonical JSON that parses back to
// the same tree and the same text, and compile to SQL whose placeholders match its parameters.
// Built only with clang and -DTC_FUZZ=ON; run it with scripts/fuzz.

#include "models/domain/selector.h"

#include <QString>

#include <cstdint>
#include <cstdlib>

namespace {

void check(bool ok)
{
    if (!ok)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    tc::SelectorError error;
    const auto selector = tc::Selector::parse(text, &error);
    if (!selector) {
        check(!error.reason.isEmpty());
        check(error.position >= 0 && error.position <= text.size());
        check(error.line >= 1 && error.column >= 1 && error.column <= error.position + 1);
        return 0;
    }
    const QString json = selector->toJson();
    tc::SelectorError again;
    const auto reparsed = tc::Selector::parse(json, &again);
    check(reparsed.has_value());
    check(*reparsed == *selector);
    check(reparsed->toJson() == json);

    const tc::CompiledSelector compiled = selector->compile(QStringLiteral("m.metadata"), 3);
    check(!compiled.sql.isEmpty());
    // Every parameter is referenced, none beyond: $3 .. $(2 + n).
    for (qsizetype i = 0; i < compiled.params.size(); ++i)
        check(compiled.sql.contains(QStringLiteral("$%1::").arg(i + 3)));
    check(!compiled.sql.contains(QStringLiteral("$%1::").arg(compiled.params.size() + 3)));
    // User text only ever reaches the parameters: the SQL is made of a fixed alphabet.
    for (QChar c : compiled.sql)
        check(c.unicode() < 0x7f && c != u';' && c != u'-' && c != u'/');
    return 0;
}
