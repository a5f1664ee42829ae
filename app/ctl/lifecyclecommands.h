#pragma once

#include "models/domain/lifecycle.h"

#include <QString>

#include <optional>

namespace tc {

class CtlApp;

// tenantctl lifecycle ...: show, the transitions (suspend, resume, archive, restore, delete),
// purge and the deletion cap. Uses its CtlApp's command line, output and connection helpers,
// so these commands parse, print and fail like every other one.
class LifecycleCommands
{
public:
    explicit LifecycleCommands(CtlApp &app) : m_app(app) {}

    // Runs "lifecycle VERB" with the rest of the command line; nullopt when VERB is none of
    // the lifecycle commands.
    std::optional<int> run(const QString &verb);

private:
    int show();
    int transition(LifecycleAction action);
    int purge();
    int cap();

    CtlApp &m_app;
};

} // namespace tc
