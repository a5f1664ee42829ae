<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>main</name>
    <message>
        <source>Administration console for tenants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect at start with this libpq connection string.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With --db: read usage history from this Prometheus server (e.g. http://127.0.0.1:9090).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Prometheus metric with the usage (default tenancy_usage).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::LifecycleHistoryModel</name>
    <message>
        <source>created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>via %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (via %2)</source>
        <extracomment>A reason, then the ancestor whose transition carried this tenant along</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 local time
%2 UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carried along when %1 changed state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::MigrationJobsModel</name>
    <message>
        <source>Planned</source>
        <extracomment>A migration job&apos;s state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <extracomment>A migration job&apos;s state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <extracomment>A migration job&apos;s state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <extracomment>A migration job&apos;s state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <extracomment>A migration job&apos;s state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <extracomment>A migration job&apos;s state</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 rows (%3%)</source>
        <extracomment>Migration progress, e.g. &quot;12,345 of 1,000,000 rows (1.2%)&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selector: %1
%2, %3</source>
        <extracomment>A migration job&apos;s selector (JSON) and options</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ids preserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new ids in the target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metadata dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>of %1 planned</source>
        <extracomment>Bytes moved of the planned bytes, e.g. &quot;of 1.2 GB planned&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows the target already holds with the same id; they stay in the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ended %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job</source>
        <extracomment>Column of the migration jobs: the job&apos;s number</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last update</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::MigrationPreviewModel</name>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::QuotaTableModel</name>
    <message>
        <source>Set %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the alerts of %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the %1 tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset %1 to inherited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep their changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep my changes over theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit again after a conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inherit (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by another session meanwhile: now %1. Apply to choose between theirs and yours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staged, not applied yet: was %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage (%1) is already above the new limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2), measured in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No own limit: %1&apos;s limit of %2 applies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit here or above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own limit; the parent allows at most %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Own limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This tenant&apos;s own limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The limit set on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ancestor limits this resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage reported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not metered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operators are alerted when usage passes these percentages of the limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherited from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts at %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant&apos;s own limit, or the one it inherits from an ancestor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ancestor whose limit applies, or &quot;own&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest usage reported by the platform</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage as a share of the effective limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Soft alert thresholds, in percent of the limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::SelectorRowsModel</name>
    <message>
        <source>This condition is longer than a selector may be (%1 KiB): shorten its values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number %1 is too long: use at most %2 digits and an exponent between -%3 and %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 starts with a quote but is not one complete quoted text: end it with &quot; and write \&quot; for a quote inside it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the field to match, such as department or project.code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field %1 is nested too deep: use at most %2 names separated by dots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field %1 has an empty name between dots: remove the extra dot.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field name %1 is longer than %2 characters: shorten it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a space or invisible character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The field %1 contains %2: field names may only use the letters A-Z and a-z, digits, &apos;_&apos; and &apos;-&apos;, with a dot between nested names.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>equals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not equal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>greater than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>less than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is one of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the value to compare with (write &quot;&quot; to match an empty text).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; can&apos;t compare with null: enter a number, a text, true or false.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List the values to match, separated by commas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list has %1 values; at most %2 are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The list has an empty value: remove the extra comma (write &quot;&quot; to match an empty text).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write true (the field must be present) or false (it must be missing).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selector is not valid %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selector uses $or, which the rows can&apos;t show (they are all required together): edit it as JSON text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::TenantTreeModel</name>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items (used / limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage (used / limit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Professional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archived</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purged on %1: only the tombstone is left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can be restored until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2 % of its limit (limit reached)</source>
        <extracomment>e.g. &quot;Storage at 104 % of its limit (limit reached)&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2 % of its limit (%3 % threshold reached)</source>
        <extracomment>e.g. &quot;Storage at 93 % of its limit (90 % threshold reached)&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::TopConsumersModel</name>
    <message>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>A share of the limit, in percent</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reached</source>
        <extracomment>The limit: already reached</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <extracomment>The limit: never reached at the current trend</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/day</source>
        <extracomment>Usage growth per day, e.g. &quot;+1.2 GB/day&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit on this tenant or any of its ancestors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant&apos;s own limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherited from an ancestor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used of limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Growth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With sub-tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, no sub-tenants</source>
        <extracomment>Usage of a tenant and its sub-tenants, e.g. &quot;12 GB in 4 tenants&quot;</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2 tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too few samples in the last %1 days for a trend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear fit of %1 samples over the last %2 days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::UsageBreakdownModel</name>
    <message>
        <source>Own usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Others</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant&apos;s own usage, without its sub-tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no sub-tenants)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and its sub-tenants (%2 tenants)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other sub-tenants&apos; subtrees, summed (tenants: %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::UsageSeriesModel</name>
    <message>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <extracomment>A share of the limit, in percent</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Peak of limit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui</name>
    <message>
        <source>Connection problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not permitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota exceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection settings are not valid. Check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reach the database server. Check the host and port, and that PostgreSQL is running and accepts connections from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the user name or password. Check them and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection to the server was lost. It is re-opened on the next action; a change that was being saved may or may not have been saved, so reload before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database has no Tenant Console schema yet. Ask the database owner to run &quot;tenantctl db migrate&quot;, or connect as the owner to set it up from here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database needs a schema upgrade before the console can use it. Ask the database owner to run &quot;tenantctl db migrate&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This database was upgraded by a newer release of Tenant Console. Install the newer release to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The item no longer exists; another session may have removed it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your database role does not allow this. Ask an administrator for the operator role.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed this at the same time. Reload and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not get the usage from the Prometheus server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Prometheus server refused access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Prometheus server refused the usage query.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Prometheus server&apos;s answer could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::BulkQuotaDialog</name>
    <message>
        <source>Apply Tier / Bulk Quotas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Include &amp;sub-tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the change to every tenant below the selected ones as well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply a &amp;tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set the tier and every quota from its preset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;one resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set one resource&apos;s limit to the same value everywhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy quotas from a tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give every selected tenant the same own limits and alert thresholds as another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ca&amp;p at the parent&apos;s limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A preset above a sub-tenant&apos;s parent limit is lowered to it. Without this, such a preset refuses the whole edit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;ier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its limits:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 500 GB, 1.5M, inherit, unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resource:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy every own limit and alert threshold of:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenants covered:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tiers changed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota rows written:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already as requested:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lowered to the parent&apos;s limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing quotas: %1 of %2 rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2); it has no sub-tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) and all its sub-tenants (%3 directly below it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tenants selected, and all their sub-tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tenants selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a limit: a quantity, &quot;inherit&quot; or &quot;unlimited&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A limit can&apos;t be negative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a unit of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is too large for a limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is counted in whole units; &quot;%2&quot; is not a whole number of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removes the own limit: each tenant is bounded by its parent&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit; refused where a parent still limits %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 tier was applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was set to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The quotas of %1 were copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Every quota already held these values; nothing needed changing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 All changes were made in one transaction.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ChartMessage</name>
    <message>
        <source>Retr&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the usage again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop loading the usage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::ConnectDialog</name>
    <message>
        <source>Connect to a tenant database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>localhost or a socket directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host name, IP address, or the directory of a local PostgreSQL socket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP port of the PostgreSQL server (5432 by default).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tenant_console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your database login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used for this connection only; it is not written to disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default (prefer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TLS mode; use verify-full for servers reached over a network.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;TLS:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host=... port=... dbname=... user=...  or  postgresql://...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A libpq connection string. When given, it is used instead of the fields above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or a connection string</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: usage history from the database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read usage history from this Prometheus server (e.g. http://prometheus:9090) instead of the database&apos;s usage_samples. Limits still come from the database. No user name or password in the URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metric that carries the usage, labelled tenant_id (the tenant&apos;s id) and resource (e.g. storage_bytes). Empty: tenancy_usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage history (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prometheus U&amp;RL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Metric:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Prometheus URL is not usable. %1 Give the server&apos;s address, e.g. http://prometheus:9090, or leave it empty to read usage from the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Prometheus metric name: use letters, digits, _ and : only, not starting with a digit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::IdMapExport</name>
    <message>
        <source>Export Id Mapping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mapping of job #%1 could not be read. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can&apos;t be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::LifecycleDialog</name>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Becomes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carried along by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Tenant Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenants you selected that this applies to. Their sub-tenants follow; the preview below counts them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 selected tenants, each with its sub-tenants:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2), now %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out, 1 selected tenant:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left out, %1 selected tenants:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the database what this would change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every tenant whose state would change, the selected ones first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check &amp;Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask the database again what this would change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why? e.g. &quot;Unpaid invoice, ticket #4711&quot;. Kept in the tenant&apos;s lifecycle history and the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Required. Everyone who looks at this tenant&apos;s history sees it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>action, slug</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 Tenants</source>
        <comment>action, count</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changing tenants: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend %1 tenants?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume %1 tenants?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive %1 tenants?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore %1 tenants?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1 tenants?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not work out what this would change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed %1 since it was read. Close this dialog, reload the tree (F5) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>some of these tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database would refuse this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing would change: %1 already %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every selected tenant is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tenant is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;1 tenant&lt;/b&gt; changes to %1; no sub-tenant is affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 tenants&lt;/b&gt; change to %2; no sub-tenant is affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 sub-tenant carried along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 sub-tenants carried along</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 you selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 you selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 tenants&lt;/b&gt; change to %2: %3 and &lt;b&gt;%4&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>count, state</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 selected tenant is already %1 and stays as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 selected tenants are already %2 and stay as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its users lose access at once and the platform stops serving it. All data is kept; Resume gives access back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their users lose access at once and the platform stops serving them. All data is kept; Resume gives access back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is kept for compliance with no access at all. Restore makes it active again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They are kept for compliance with no access at all. Restore makes them active again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access is given back. Sub-tenants that were suspended only because of this follow; those suspended on their own stay suspended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It becomes active again and its scheduled purge is cancelled; its data was never removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They become active again and their scheduled purge is cancelled; their data was never removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It becomes active again and its users regain access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They become active again and their users regain access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after &lt;b&gt;%1&lt;/b&gt; (the %2-day retention period)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after the %1-day retention period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access stops at once. Its data is purged %1; until then it can be restored (View › Show Deleted, then Restore).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Access stops at once. Their data is purged %1; until then they can be restored (View › Show Deleted, then Restore).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 memories&lt;/b&gt; (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 usage samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It holds no memories and no usage samples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They hold no memories and no usage samples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no usage samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no memories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It holds %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They hold %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All of it is removed by the purge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of it is removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletions are switched off (the deletion cap is 0 %).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion cap: &lt;b&gt;%1 of %2&lt;/b&gt; deletions are left in the %3-day window (%4 % of %5 tenants).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion cap: after this, &lt;b&gt;%1 of %2&lt;/b&gt; deletions are left in the %3-day window (%4 % of %5 tenants).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm, type the tenant&apos;s slug, &lt;b&gt;%1&lt;/b&gt;:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the slug exactly as shown (letter case counts); pasting works too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm, type the number of tenants that will be deleted (known once the check above is done):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To confirm, type the number of tenants that will be deleted, sub-tenants included: &lt;b&gt;%1&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of every tenant the deletion reaches, as counted above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not the number of tenants above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is not the slug (letter case counts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the check of what this would change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The check of what this would change failed; see above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database would refuse this; see above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing would change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a reason first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the number of tenants to confirm first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the slug to confirm first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run it now. Stop rolls everything back until it is committed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed %1 meanwhile. Close this dialog, reload the tree (F5) and try again; your reason is still here to copy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing needed changing: everything was already %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 tenant is now %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tenants are now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tenants are now %2, %3 of them sub-tenants carried along.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes were made in one transaction, with your reason in each tenant&apos;s history.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data is purged after %1; until then Restore brings the tenants back (turn on View › Show Deleted to see them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 selected tenants were already %2 and were left as they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Was</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::LifecycleTimeline</name>
    <message>
        <source>Every state change of this tenant, newest first. Rows in italics were carried along by a transition of the ancestor they name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:%1&quot;&gt;●&lt;/span&gt; &lt;b&gt;%2&lt;/b&gt; since %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its data was purged on &lt;b&gt;%1&lt;/b&gt;; only its record is left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its data is purged after &lt;b&gt;%1&lt;/b&gt;; it can be restored until then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an ancestor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 because %2 was %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Of its own it is %1, and goes back to that when %2 is made active again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The history could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the history…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No state changes recorded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MainWindow</name>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auditor (read-only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform app role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenancy role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a tenant database (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload the tenant tree from the server (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Tenant Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Tenant Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tenant Console %1&lt;/h3&gt;&lt;p&gt;Administration of tenants, quotas, usage and lifecycle for a multi-tenant platform.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 has no Tenant Console schema yet. Create it now (schema version %2)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database %1 is at schema version %2; this console needs version %3. Apply the pending migrations now? Other consoles connected to it keep working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database schema</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying schema migrations…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — Tenant Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asks for a password. Enter it and connect again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected. Use File › Connect… (Ctrl+O) to open a tenant database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL %1, logged in as %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may change tenants; the database checks every change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: the database refuses changes from this login.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>● Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>○ Updates paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes made by other sessions appear within a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not listening for changes from other sessions; press F5 to reload.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant %1 is not in the tree (deleted, or not visible to this login).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top Consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top &amp;Consumers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenants by share of their limit used, with the date each reaches it (Ctrl+Shift+U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the tenants nearest their limits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The usage history settings of this profile are not usable; usage history comes from the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration &amp;Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data migration jobs of every console: progress, resume, cancel (Ctrl+Shift+J)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the data migration jobs.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MigrationJobsPanel</name>
    <message>
        <source>&amp;New Move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move data of the selected tenant to another tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go on after the job&apos;s last committed batch, in a window of this console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel Job…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the job for good; rows already moved stay moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Id Mapping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the old → new ids of a job that gave rows new ids, as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the jobs again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown as running: if the console that ran it was closed or killed, resume it here. Two consoles running one job take turns batch by batch; nothing moves twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a job to see what it moves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #%1 moves the rows of %2 matching %3 into %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped by: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The jobs could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel job #%1 (%2 → %3)? The %4 rows already moved stay in %3; the others stay in %2. A cancelled job can&apos;t be resumed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #%1 cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs: %1 · read at %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MigrationOptionsPage</name>
    <message>
        <source>Options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the rows arrive in the target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep the rows&apos; ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the rows&apos; &amp;metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows per transaction. Larger batches move faster; smaller ones hold locks for less time and lose less work to an interruption (nothing is ever lost: the job resumes after the last committed batch).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>References to these rows elsewhere stay valid. A row whose id the target already holds is skipped: it stays in the source and the report counts it. Unchecked, the moved rows get new ids and the job keeps the mapping from old to new ids, exported from the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unchecked, the rows arrive with empty metadata ({}); the content always moves.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MigrationPreviewPage</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the move would do now. Nothing has changed yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count again (after raising the target&apos;s limits, or when the source changed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First rows that would move:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The job was not created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting the rows of %1 that would move…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;No rows of %1 match.&lt;/b&gt; Go back and change what to move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 rows (%2)&lt;/b&gt; would move from &lt;b&gt;%3&lt;/b&gt; to &lt;b&gt;%4&lt;/b&gt;%5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> with new ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exceeds the limit by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fits (%1 left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits of %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The move is blocked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raise %1&apos;s limits first (its Quotas tab, or tenantctl quota set), then Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MigrationReportPage</name>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export Id Mapping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the old → new id of every moved row as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #%1 finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #%1 was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 rows&lt;/b&gt; (%2) from %3 to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows whose id %2 already holds; they stay in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows at the preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Took</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s (%2 to %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ids</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new ids; the mapping is kept with the job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metadata</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropped</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MigrationRunPage</name>
    <message>
        <source>less than a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about %1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moving</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;port &gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel &amp;Job…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop for good: rows already moved stay moved, the rest stay in the source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each batch is committed on its own. Closing this window pauses the move after the current batch; resume it from the Jobs panel of any console.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch after batch, each committed on its own; nothing moves twice and nothing is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job &lt;b&gt;#%1&lt;/b&gt;: rows of &lt;b&gt;%2&lt;/b&gt; into &lt;b&gt;%3&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel job #%1? The %2 rows already moved stay in %3; the others stay in %4. A cancelled job can&apos;t be resumed: moving the rest takes a new job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 skipped (id already in the target)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 rows/s · %2/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>measuring…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running, batch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausing after the current batch…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused. Resume goes on after the last committed batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled. Rows already moved stay moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed. Fix the cause, then resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop after the current batch; resume later from here or the Jobs panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go on after the last committed batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The move stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MigrationSelectorPage</name>
    <message>
        <source>What to Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move everything, or only the rows whose metadata match conditions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Only the rows whose metadata match all of these conditions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field: a metadata key, dots for nested keys (project.code). Value: text, a number, true, false or null; &quot;quotes&quot; keep a number as text. &quot;is one of&quot; takes a comma-separated list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add Condition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a condition (Ctrl++)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected conditions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selector as &amp;JSON (edit either side):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{&quot;department&quot;: &quot;marketing&quot;, &quot;date&quot;: {&quot;$gt&quot;: &quot;2023-01-01&quot;}}
Operators: $eq $ne $gt $gte $lt $lte $in $exists, and $and / $or lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Everything: merge all of %1&apos;s data into %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Condition %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON is not a valid selector %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every row of %1 moves, whatever its metadata. %1 itself and its sub-tenants stay where they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add at least one condition, or choose Everything to move all rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The preview (next) counts the matching rows exactly.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MigrationSourcePage</name>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the tenant whose data moves. Its sub-tenants&apos; data stays where it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was deleted and its data purged: there is nothing to move.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is deleted: restore it first to move its data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move data out of &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MigrationTargetPage</name>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the tenant that receives the data. Only an active tenant can receive rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the source: choose a different tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is suspended and takes no writes: resume it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is archived and takes no writes: restore it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is deleted: it can&apos;t receive data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move data from &lt;b&gt;%1&lt;/b&gt; into &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MigrationTenantPage</name>
    <message>
        <source>Nothing chosen yet: search above and pick a tenant.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MigrationWizard</name>
    <message>
        <source>Move Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge Data of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Migration Job #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the Move?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job #%1 is still moving rows. Close this window and pause the job after its current batch? Resume it from the Jobs panel of any console.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::MoveTenantDialog</name>
    <message>
        <source>Move %1 To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already at the top level.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tenant can&apos;t be moved under itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is inside %2&apos;s own subtree: moving %2 there would create a cycle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already under %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is at depth %2: a tenant under it would be deeper than the %3 levels allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was moved by someone else meanwhile. Its new place is read again; choose the parent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The move was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the new parent of &lt;b&gt;%1&lt;/b&gt;. Its whole subtree moves with it, and all of their data: rows belong to their tenant, wherever it sits in the hierarchy.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::QuotaConflictDialog</name>
    <message>
        <source>Quotas changed by someone else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;p&gt;While you were editing, another session changed a quota of &lt;b&gt;%1&lt;/b&gt; that you changed too. Nothing has been written yet.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>&lt;p&gt;While you were editing, another session changed %n quotas of &lt;b&gt;%1&lt;/b&gt; that you changed too. Nothing has been written yet.&lt;/p&gt;</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Keep theirs&lt;/b&gt; drops your edits of these rows, &lt;b&gt;Take mine&lt;/b&gt; writes yours over theirs, &lt;b&gt;Re&amp;#8209;edit&lt;/b&gt; lets you change yours first. Your other staged changes are applied with the first two.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resource</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Theirs (now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Yours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep &amp;theirs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop your edits of these rows; your other staged edits are applied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take &amp;mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write your values over theirs, together with your other staged edits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Re-edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep your values staged and change them before applying again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this; the rows stay marked until you apply again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::QuotaDelegate</name>
    <message>
        <source>a count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a rate per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US dollars</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quotas can&apos;t be changed in this session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wait until the changes being applied are written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter up to %1 different percentages from 1 to 100, e.g. &quot;80, 90, 95&quot;; leave it empty for no alerts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a limit such as %1, or &quot;inherit&quot; or &quot;unlimited&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a number. Enter a limit such as %2, or &quot;inherit&quot; or &quot;unlimited&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A limit can&apos;t be negative. Enter 0 or more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a unit of %2, which is measured in %3. Enter e.g. %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That is more than the largest limit that can be stored. Enter a smaller number, or &quot;unlimited&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is counted in whole units. Enter a whole number, e.g. %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Above the parent&apos;s limit of %1 (set on %2). Raise %2&apos;s limit first or enter at most %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below the limit of %1 set on the sub-tenant %2. Lower %2&apos;s limit first or enter at least %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Can&apos;t be unlimited: %2 limits it to %1. Enter &quot;inherit&quot; to use that limit, or at most %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This value can&apos;t be used here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 80, 90, 95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Percentages of the limit at which operators are alerted; empty for none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. %1, inherit, unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A limit such as %1, &quot;inherit&quot; for the parent&apos;s limit, or &quot;unlimited&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::QuotaEditor</name>
    <message>
        <source>, alerts at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click or press F2 to edit a limit, Delete to reset it to inherited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;vert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply &amp;tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage every limit of a tier&apos;s preset; limits above the parent&apos;s are lowered to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to inherited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop the selected resource&apos;s own limit so it inherits its parent&apos;s (Delete)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every staged change in one transaction (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revert</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop every staged change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the quotas: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only: this session can&apos;t change quotas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still showing &lt;b&gt;%1&lt;/b&gt;, which has staged changes. Apply or revert them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Still showing &lt;b&gt;%1&lt;/b&gt;: apply or revert its staged change to see the quotas of &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Still showing &lt;b&gt;%1&lt;/b&gt;: apply or revert its %n staged changes to see the quotas of &lt;b&gt;%2&lt;/b&gt;.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Undo: %1 (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to undo (Ctrl+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo: %1 (Ctrl+Shift+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to redo (Ctrl+Shift+Z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a tenant to see its quotas.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applying 1 change…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Applying %n changes…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>A staged change collides with a change another session made meanwhile. Apply to choose whose value stands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n staged changes collide with changes another session made meanwhile. Apply to choose whose values stand.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>1 change staged. Apply (Ctrl+S) writes it; Ctrl+Z undoes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n changes staged. Apply (Ctrl+S) writes them together; Ctrl+Z undoes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Loading quotas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only session: quotas can&apos;t be changed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a limit or press F2 to change it. Changes are staged until you apply them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The %1 tier changes no limit here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staged the %1 tier: 1 limit changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Staged the %1 tier: %n limits changed</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n lowered to the parent&apos;s limit</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Left as they are, because a sub-tenant has a higher limit: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Applied 1 change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Applied %n changes.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was applied: %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The row stays in conflict. Apply again to choose.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rows stay in conflict. Apply again to choose.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>tc::ui::RollbackProgress</name>
    <message>
        <source>Working… Stop undoes everything.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and roll back: nothing is changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Committing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too late to stop: the change is being committed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::TenantActions</name>
    <message>
        <source>&amp;New Tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a tenant at the top level of the hierarchy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;Sub-tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Sub-tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a tenant under the selected one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the slug or display name of the selected tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit Tenant…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected tenant&apos;s names, features and deletion settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected tenant and its subtree under another parent. Dragging it in the tree does the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply Tier / &amp;Bulk Quotas…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk Quotas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply a tier, set one resource or copy quotas for all selected tenants at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>tooltip (shortcut)</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — not available: this login is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a top-level tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a sub-tenant — not here: the hierarchy allows at most %1 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a sub-tenant — only under an active tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create a tenant under the selected one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the selected tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the selected tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected tenant under another parent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply a tier or change quotas of the selected tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bulk edit applied to %1 tenants.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1 to the top level?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1 under %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1 tenants to the top level?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move %1 tenants under %2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its whole subtree moves with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, each with its whole subtree.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved %1 under %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved %1 tenants under %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some tenants were not moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was moved by someone else meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Suspend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop serving the selected tenants and their sub-tenants; their data is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Res&amp;ume…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serve the selected suspended tenants again, and the sub-tenants they held.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Archive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the selected suspended tenants for compliance, with no access.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rest&amp;ore…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make archived tenants, or deleted ones inside their retention period, active again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected tenants with their sub-tenants; restorable until the retention period ends, then purged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 the selected tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — not possible: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 and its sub-tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — not possible for any selected tenant: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 the %2 selected tenants and their sub-tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2 of the %3 selected tenants; the others can&apos;t be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was purged on %2; only its record is left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an active tenant can be suspended; %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2; use Restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a suspended tenant can be resumed; %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a suspended tenant can be archived; suspend %1 first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a suspended tenant can be archived; %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is suspended; use Resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only an archived or deleted tenant can be restored; %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is %2 because %3 is; change %3 instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its parent %1 is %2; a tenant can only be active under an active parent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is protected from deletion; clear &quot;Prevent deletion&quot; in Edit Tenant first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The retention period of %1 ended on %2; it can no longer be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 can&apos;t be changed this way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 and %2 sub-tenants are now %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 tenants are now %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View › Show Deleted lists them for restoring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move &amp;Data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected tenant&apos;s rows that match a selector into another tenant, as a resumable job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mer&amp;ge Data Into…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move all of the selected tenant&apos;s rows into another tenant, as a resumable job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected tenant&apos;s rows matching a selector into another tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move all of the selected tenant&apos;s rows into another tenant — not available: this login is read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move all of the selected tenant&apos;s rows into another tenant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::TenantDetailsPane</name>
    <message>
        <source>Select a tenant to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slug:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sub-tenants:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last changed:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In this state since:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data purged after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retention after delete:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion protection:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Items:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage reported yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 (%3 %)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nearing the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-level tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (version %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data kept %1 days after deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: this tenant cannot be deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inherited from the parent tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No optional features enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quotas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limits of every resource, own or inherited, with usage; edit and apply them here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suspend, resume, archive, restore or delete the selected tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lifecycle ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The state, what holds it there, and every state change: who, when, from, to and why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purged on %1; only its record is left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage over time next to the limit and its thresholds, by resource or by sub-tenant</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::TenantDialog</name>
    <message>
        <source>New Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Sub-tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates a tenant at the top level of the hierarchy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. acme-eu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tenant&apos;s identifier in URLs, the API and tenantctl: letters a–z, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;, unique among its siblings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Acme Europe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name people see, up to %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The service tier; its preset fills the quotas when chosen below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tier changes rewrite quotas: use Tenant › Apply Tier / Bulk Quotas (Ctrl+B).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Slug:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Platform features switched on for this tenant.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Inherit the parent&apos;s features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also enable every feature the parent tenant has, now and when it changes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a deleted tenant can be restored before its data is purged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Prevent deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleting this tenant is refused until this is cleared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restorable for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quotas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Sub-tenant of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates a tenant under &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sub-tenant of &lt;b&gt;%1&lt;/b&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Tenant %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a slug: letters a–z, digits, &apos;_&apos;, &apos;.&apos; or &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slug is %1 characters long; at most %2 are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The slug can&apos;t contain %1; use letters a–z, digits, &apos;_&apos;, &apos;.&apos; and &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a display name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The display name is %1 characters long; at most %2 are allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no features to pass on at the moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the %1 tier &amp;preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every resource gets the tier&apos;s limit (capped by the parent&apos;s, if lower).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I&amp;nherit the parent&apos;s limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No own limits: the tenant is bounded by %1&apos;s limits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;No limits for now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No own limits: a top-level tenant without limits is unlimited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Semantic search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Single sign-on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit log export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>features</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deletion settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloaded. Your changes are kept; save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reloaded: someone else changed the %1. Your own changes are kept on top of theirs; check them and save again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the tenant as it is now and keep what you changed on top of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slug (now &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>display name (now &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Someone else changed this tenant meanwhile. Reload to read their version; your changes are kept on top of it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::TenantPicker</name>
    <message>
        <source>Search by name or slug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top level (no parent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A top-level tenant has no parent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greyed-out tenants can&apos;t be chosen; point at one to see why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first %1 top-level tenants; type to search the whole hierarchy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type to search the whole hierarchy.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant matches &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first %1 matches; type more to narrow the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::TenantTreeDelegate</name>
    <message>
        <source>Purged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::TenantTreePanel</name>
    <message>
        <source>Filter by name or slug (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searches the whole hierarchy on the server; matching tenants are shown with the way to them expanded. Esc clears.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No tenant matches &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing the first %1 matches; type more to narrow the search.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matching tenants: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The search failed; the status bar says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Deleted Tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also list deleted tenants (dimmed, in italics), to restore them within their retention period; purged ones stay listed as a record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List deleted tenants too, to restore them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on %1; its data was purged on %2. Only its record is left, for the audit trail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on %1; can be restored until %2, then its data is purged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an ancestor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by %1: it goes back to %2 when %1 becomes active again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held by %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::TopConsumersDelegate</name>
    <message>
        <source>today (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tomorrow (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in %1 days (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not rising</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too few samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (in %2)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::TopConsumersView</name>
    <message>
        <source>Reso&amp;urce:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The metered resource to rank tenants by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the ranking again (it also follows quota changes by itself)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Storage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queries per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database · 1 tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database · %1 tenants</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · loaded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Projection: a straight line through the last %1 days of samples</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::UsageBreakdownView</name>
    <message>
        <source>%1 by sub-tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Others (%1 tenants)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage recorded between %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total: %1 (means over the bucket)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::UsageChartStyle</name>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::UsageChartView</name>
    <message>
        <source>Min–max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min–max per %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 % threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Limit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · limit %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage recorded between %1 and %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usage recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The usage could not be loaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not metered: no usage is recorded for this resource.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UTC %1 – %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max is %1 % of the %2 limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>tc::ui::UsageTab</name>
    <message>
        <source>&amp;Range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time window of the charts; preset windows end now and follow the clock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the usage again now (while the tab is shown it also reloads by itself)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fro&amp;m:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;o:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start of the window, in local time (included); the status line&apos;s tooltip gives it in UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End of the window, in local time (excluded); the status line&apos;s tooltip gives it in UTC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Breakdown by sub-tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stack one resource by sub-tenant: the tenant&apos;s own usage and each child&apos;s subtree (from the tenant database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The resource to break down by sub-tenant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export P&amp;NG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the charts as shown as a PNG image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the data behind the charts (min, max, mean per bucket, and the limit) as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start of the window must be before its end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prometheus %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 buckets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loaded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window: %1 – %2 (UTC %3 – %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This tenant has no sub-tenants to break its usage down by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no usage to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export usage as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export charts as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
