#include "ui/connectdialog.h"

#include "models/store/prometheususagesource.h"
#include "ui/errortext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tc::ui {

ConnectDialog::ConnectDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Connect to a tenant database"));
    setMinimumWidth(460);

    m_host = new QLineEdit(this);
    m_host->setPlaceholderText(tr("localhost or a socket directory"));
    m_host->setToolTip(tr("Host name, IP address, or the directory of a local PostgreSQL socket."));
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_port->setValue(5432);
    m_port->setToolTip(tr("TCP port of the PostgreSQL server (5432 by default)."));
    m_database = new QLineEdit(this);
    m_database->setPlaceholderText(tr("tenant_console"));
    m_user = new QLineEdit(this);
    m_user->setPlaceholderText(tr("your database login"));
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("not stored"));
    m_password->setToolTip(tr("Used for this connection only; it is not written to disk."));
    m_sslMode = new QComboBox(this);
    m_sslMode->addItem(tr("Default (prefer)"), QString());
    for (const char *mode : {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"})
        m_sslMode->addItem(QString::fromLatin1(mode), QString::fromLatin1(mode));
    m_sslMode->setToolTip(tr("TLS mode; use verify-full for servers reached over a network."));

    auto *fields = new QGroupBox(tr("Server"), this);
    auto *form = new QFormLayout(fields);
    form->addRow(tr("&Host:"), m_host);
    form->addRow(tr("&Port:"), m_port);
    form->addRow(tr("&Database:"), m_database);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Pass&word:"), m_password);
    form->addRow(tr("&TLS:"), m_sslMode);

    m_conninfo = new QLineEdit(this);
    m_conninfo->setPlaceholderText(tr("host=... port=... dbname=... user=...  or  postgresql://..."));
    m_conninfo->setToolTip(tr("A libpq connection string. When given, it is used instead of the fields above."));
    m_conninfo->setClearButtonEnabled(true);
    auto *advanced = new QGroupBox(tr("Or a connection string"), this);
    auto *advancedLayout = new QVBoxLayout(advanced);
    advancedLayout->addWidget(m_conninfo);

    m_prometheusUrl = new QLineEdit(this);
    m_prometheusUrl->setObjectName(QStringLiteral("prometheusUrl"));
    m_prometheusUrl->setPlaceholderText(tr("empty: usage history from the database"));
    m_prometheusUrl->setToolTip(tr("Read usage history from this Prometheus server (e.g. http://prometheus:9090) "
                                   "instead of the database's usage_samples. Limits still come from the database. "
                                   "No user name or password in the URL."));
    m_prometheusUrl->setClearButtonEnabled(true);
    m_prometheusMetric = new QLineEdit(this);
    m_prometheusMetric->setObjectName(QStringLiteral("prometheusMetric"));
    m_prometheusMetric->setPlaceholderText(QStringLiteral("tenancy_usage"));
    m_prometheusMetric->setToolTip(tr("The metric that carries the usage, labelled tenant_id (the tenant's id) and "
                                      "resource (e.g. storage_bytes). Empty: tenancy_usage."));
    auto *usage = new QGroupBox(tr("Usage history (optional)"), this);
    auto *usageForm = new QFormLayout(usage);
    usageForm->addRow(tr("Prometheus U&RL:"), m_prometheusUrl);
    usageForm->addRow(tr("&Metric:"), m_prometheusMetric);
    connect(m_prometheusUrl, &QLineEdit::textChanged, this, &ConnectDialog::updateMode);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("connectError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(errorBannerStyle());
    m_error->hide();

    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumHeight(6);
    m_busy->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *connectButton = m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    connectButton->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::submit);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_conninfo, &QLineEdit::textChanged, this, &ConnectDialog::updateMode);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(fields);
    layout->addWidget(advanced);
    layout->addWidget(usage);
    layout->addWidget(m_error);
    layout->addWidget(m_busy);
    layout->addWidget(m_buttons);

    setTabOrder(m_host, m_port);
    setTabOrder(m_port, m_database);
    setTabOrder(m_database, m_user);
    setTabOrder(m_user, m_password);
    setTabOrder(m_password, m_sslMode);
    setTabOrder(m_sslMode, m_conninfo);
    setTabOrder(m_conninfo, m_prometheusUrl);
    setTabOrder(m_prometheusUrl, m_prometheusMetric);
    updateMode();
}

void ConnectDialog::setProfile(const ConnectionProfile &profile)
{
    m_host->setText(profile.host);
    m_port->setValue(profile.port > 0 ? profile.port : 5432);
    m_database->setText(profile.database);
    m_user->setText(profile.user);
    m_sslMode->setCurrentIndex(std::max(0, m_sslMode->findData(profile.sslMode)));
    m_conninfo->setText(profile.conninfo);
    m_prometheusUrl->setText(profile.prometheusUrl);
    m_prometheusMetric->setText(profile.prometheusMetric);
    updateMode();
}

ConnectionProfile ConnectDialog::profile() const
{
    ConnectionProfile p;
    p.kind = ConnectionProfile::Kind::Direct;
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.database = m_database->text().trimmed();
    p.user = m_user->text().trimmed();
    p.sslMode = m_sslMode->currentData().toString();
    p.conninfo = m_conninfo->text().trimmed();
    const Result<QUrl> url = PrometheusUsageSource::parseBaseUrl(m_prometheusUrl->text().trimmed());
    p.prometheusUrl = m_prometheusUrl->text().trimmed().isEmpty() ? QString()
                      : url.ok()                                  ? url.value().toString()
                                                                  : m_prometheusUrl->text().trimmed();
    p.prometheusMetric = m_prometheusUrl->text().trimmed().isEmpty() ? QString() : m_prometheusMetric->text().trimmed();
    return p;
}

QString ConnectDialog::password() const
{
    return m_password->text();
}

void ConnectDialog::updateMode()
{
    const bool fieldsUsed = m_conninfo->text().trimmed().isEmpty();
    for (QWidget *w : std::initializer_list<QWidget *>{m_host, m_port, m_database, m_user, m_sslMode})
        w->setEnabled(fieldsUsed);
    m_prometheusMetric->setEnabled(!m_prometheusUrl->text().trimmed().isEmpty());
}

QString ConnectDialog::prometheusProblem() const
{
    const QString url = m_prometheusUrl->text().trimmed();
    if (url.isEmpty())
        return {};
    if (const Result<QUrl> parsed = PrometheusUsageSource::parseBaseUrl(url); !parsed.ok())
        return tr("The Prometheus URL is not usable. %1 Give the server's address, e.g. http://prometheus:9090, "
                  "or leave it empty to read usage from the database.")
            .arg(parsed.error().message);
    const QString metric = m_prometheusMetric->text().trimmed();
    if (!metric.isEmpty() && !PrometheusUsageSource::checkMetricName(metric).ok())
        return tr("\"%1\" is not a Prometheus metric name: use letters, digits, _ and : only, not starting with a "
                  "digit.")
            .arg(metric);
    return {};
}

void ConnectDialog::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    for (QWidget *w : std::initializer_list<QWidget *>{m_host, m_port, m_database, m_user, m_password, m_sslMode,
                                                       m_conninfo, m_prometheusUrl, m_prometheusMetric})
        w->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(true);
    for (QAbstractButton *b : m_buttons->buttons()) {
        if (m_buttons->buttonRole(b) == QDialogButtonBox::AcceptRole)
            b->setEnabled(!busy);
    }
    if (!busy)
        updateMode();
}

void ConnectDialog::showError(const QString &message, const QString &detail)
{
    m_error->setText(message);
    m_error->setToolTip(detail);
    m_error->setVisible(!message.isEmpty());
}

void ConnectDialog::focusPassword()
{
    m_password->setFocus();
    m_password->selectAll();
}

void ConnectDialog::submit()
{
    if (const QString problem = prometheusProblem(); !problem.isEmpty()) {
        showError(problem);
        m_prometheusUrl->setFocus();
        return;
    }
    showError({});
    setBusy(true);
    Q_EMIT connectRequested(profile(), password());
}

} // namespace tc::ui
