#include "ui/migrationtargetpage.h"

#include "ui/migrationwizard.h"
#include "ui/tenantpicker.h"

namespace tc::ui {

MigrationTargetPage::MigrationTargetPage(MigrationWizard *wizard)
    : MigrationTenantPage(wizard, QStringLiteral("targetPicker"))
{
    setTitle(tr("Target"));
    setSubTitle(tr("Choose the tenant that receives the data. Only an active tenant can receive rows."));
}

QString MigrationTargetPage::veto(const TenantMatch &match) const
{
    const std::optional<TenantMatch> &source = migrationWizard()->draft().source;
    if (source && source->tenant.id == match.tenant.id)
        return tr("%1 is the source: choose a different tenant.").arg(match.tenant.slug);
    switch (match.tenant.state) {
    case LifecycleState::Active:
        return {};
    case LifecycleState::Suspended:
        return tr("%1 is suspended and takes no writes: resume it first.").arg(match.tenant.slug);
    case LifecycleState::Archived:
        return tr("%1 is archived and takes no writes: restore it first.").arg(match.tenant.slug);
    case LifecycleState::Deleted:
        return tr("%1 is deleted: it can't receive data.").arg(match.tenant.slug);
    }
    return {};
}

std::optional<TenantMatch> MigrationTargetPage::chosen() const
{
    return migrationWizard()->draft().target;
}

void MigrationTargetPage::setChosen(const std::optional<TenantMatch> &match)
{
    migrationWizard()->draft().target = match;
}

QString MigrationTargetPage::choiceText(const TenantMatch &match) const
{
    const std::optional<TenantMatch> &source = migrationWizard()->draft().source;
    return tr("Move data from <b>%1</b> into <b>%2</b>.")
        .arg((source ? TenantPicker::pathOf(*source) : QString()).toHtmlEscaped(),
             TenantPicker::pathOf(match).toHtmlEscaped());
}

} // namespace tc::ui
