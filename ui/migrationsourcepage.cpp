#include "ui/migrationsourcepage.h"

#include "ui/migrationwizard.h"
#include "ui/tenantpicker.h"

namespace tc::ui {

MigrationSourcePage::MigrationSourcePage(MigrationWizard *wizard)
    : MigrationTenantPage(wizard, QStringLiteral("sourcePicker"))
{
    setTitle(tr("Source"));
    setSubTitle(tr("Choose the tenant whose data moves. Its sub-tenants' data stays where it is."));
}

QString MigrationSourcePage::veto(const TenantMatch &match) const
{
    if (match.tenant.isPurged())
        return tr("%1 was deleted and its data purged: there is nothing to move.").arg(match.tenant.slug);
    if (match.tenant.state == LifecycleState::Deleted)
        return tr("%1 is deleted: restore it first to move its data.").arg(match.tenant.slug);
    return {};
}

std::optional<TenantMatch> MigrationSourcePage::chosen() const
{
    return migrationWizard()->draft().source;
}

void MigrationSourcePage::setChosen(const std::optional<TenantMatch> &match)
{
    migrationWizard()->draft().source = match;
}

QString MigrationSourcePage::choiceText(const TenantMatch &match) const
{
    return tr("Move data out of <b>%1</b>.").arg(TenantPicker::pathOf(match).toHtmlEscaped());
}

} // namespace tc::ui
