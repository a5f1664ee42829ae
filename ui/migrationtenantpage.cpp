#include "ui/migrationtenantpage.h"

#include "ui/migrationwizard.h"
#include "ui/tenantpicker.h"

#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace tc::ui {

MigrationTenantPage::MigrationTenantPage(MigrationWizard *wizard, const QString &pickerName)
    : QWizardPage(wizard), m_wizard(wizard)
{
    m_picker = new TenantPicker(wizard->store(), this);
    m_picker->setObjectName(pickerName);
    m_picker->setVeto([this](const TenantMatch &match) { return veto(match); });
    m_choice = new QLabel(this);
    m_choice->setObjectName(pickerName + QStringLiteral("Choice"));
    m_choice->setWordWrap(true);
    m_choice->setTextFormat(Qt::RichText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_picker, 1);
    layout->addWidget(m_choice);

    connect(m_picker, &TenantPicker::choiceChanged, this, &MigrationTenantPage::onChoiceChanged);
    connect(m_picker, &TenantPicker::activated, this, [this] {
        if (isComplete())
            m_wizard->next();
    });
}

void MigrationTenantPage::initializePage()
{
    if (!m_started) {
        m_started = true;
        m_picker->start();
    }
    // A choice made earlier may be refused now (the source changed): drop it.
    const std::optional<TenantMatch> current = chosen();
    if (current && !veto(*current).isEmpty())
        setChosen(std::nullopt);
    showChoice();
    m_picker->searchEdit()->setFocus();
}

bool MigrationTenantPage::isComplete() const
{
    const std::optional<TenantMatch> current = chosen();
    return current && veto(*current).isEmpty();
}

void MigrationTenantPage::onChoiceChanged()
{
    const std::optional<TenantMatch> match = m_picker->chosen();
    if (match && veto(*match).isEmpty())
        setChosen(match);
    showChoice();
    Q_EMIT completeChanged();
}

void MigrationTenantPage::showChoice()
{
    const std::optional<TenantMatch> current = chosen();
    m_choice->setText(current ? choiceText(*current) : tr("Nothing chosen yet: search above and pick a tenant."));
}

} // namespace tc::ui
