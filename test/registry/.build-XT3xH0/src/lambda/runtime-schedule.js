// The AWS Lambda managed runtime deprecation schedule, as data. On the deprecation date Lambda stops patching the
// runtime (and stops technical support for functions on it); from the block-create date Lambda refuses to create new
// functions with it, and from the block-update date it refuses to update existing ones. Invocations are never blocked.
// Source: https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, read 2026-12-02. Dates are AWS's forecasts for runtimes not yet deprecated and may move; update this table from the source.
//
// How the rows were read (2026-12-02): the stored copy of lambda-runtimes.html only exposed its opening, so the
// supported runtimes were read from the same tables on AWS's per-language pages (lambda-nodejs, lambda-python,
// lambda-java, lambda-csharp, lambda-ruby, runtimes-provided), newest stored revision of each. The "Deprecated
// runtimes" table could not be read directly; those deprecation and block-update dates come from endoflife.date
// (https://endoflife.date/aws-lambda, product file of 2026-08-22), which copies them from the AWS page, and
// block-create dates only where a source states them. AWS has pushed block dates of deprecated runtimes back several
// times (block update moved to 2027-03-03 for many in 2026); where a newer copy of the AWS table disagrees with an
// older stored AWS revision, the newer one is used and the older value is noted. A field left undefined was not found
// in any source read (not guessed).
export const RUNTIME_SCHEDULE_SOURCE = {
    url: 'https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html',
    read: '2026-12-02',
};
const AL2023 = 'Amazon Linux 2023';
const AL2 = 'Amazon Linux 2';
const AL1 = 'Amazon Linux';
export const RUNTIME_SCHEDULE = [
    // ── Node.js ──────────────────────────────────────────────────────────────────────────────────────────────────────
    {
        id: 'nodejs24.x',
        name: 'Node.js 24',
        family: 'nodejs',
        os: AL2023,
        deprecation: '2028-04-30',
        blockCreate: '2028-06-01',
        blockUpdate: '2028-07-01',
    },
    {
        id: 'nodejs22.x',
        name: 'Node.js 22',
        family: 'nodejs',
        os: AL2023,
        deprecation: '2027-04-30',
        blockCreate: '2027-06-01',
        blockUpdate: '2027-07-01',
    },
    // Conflict: the newest stored AWS Node.js page gives block create 2026-08-31 / block update 2026-09-30 (an earlier
    // revision: 2026-06-01 / 2026-07-01); the later AWS table as copied by endoflife.date gives block update 2027-03-03.
    // The later value is used; the block-create date of that later revision was not found.
    {
        id: 'nodejs20.x',
        name: 'Node.js 20',
        family: 'nodejs',
        os: AL2023,
        deprecation: '2026-04-30',
        blockCreate: undefined,
        blockUpdate: '2027-03-03',
    },
    // Block-create date of the current AWS table not found.
    {
        id: 'nodejs18.x',
        name: 'Node.js 18',
        family: 'nodejs',
        os: AL2,
        deprecation: '2025-09-01',
        blockUpdate: '2027-03-03',
    },
    // Block-create date of the current AWS table not found.
    {
        id: 'nodejs16.x',
        name: 'Node.js 16',
        family: 'nodejs',
        os: AL2,
        deprecation: '2024-06-12',
        blockUpdate: '2027-03-03',
    },
    // Earlier AWS revisions gave block create 2024-01-09 / block update 2024-02-08; block update has since moved to
    // 2027-03-03 and the current block-create date was not found.
    {
        id: 'nodejs14.x',
        name: 'Node.js 14',
        family: 'nodejs',
        os: AL2,
        deprecation: '2023-12-04',
        blockUpdate: '2027-03-03',
    },
    // Block-create date not found.
    {
        id: 'nodejs12.x',
        name: 'Node.js 12',
        family: 'nodejs',
        os: AL2,
        deprecation: '2023-03-31',
        blockUpdate: '2023-04-30',
    },
    // Block create: AWS's 2021 notice blocked creation on the deprecation date (2021-07-30).
    {
        id: 'nodejs10.x',
        name: 'Node.js 10',
        family: 'nodejs',
        os: AL2,
        deprecation: '2021-07-30',
        blockCreate: '2021-07-30',
        blockUpdate: '2022-02-14',
    },
    // AWS's 2019 notice announced block create 2020-01-06 / block update 2020-02-03; the AWS table gives 2020-03-06 for
    // both deprecation and block update, so the AWS table is used and the block-create date is left unknown.
    {
        id: 'nodejs8.10',
        name: 'Node.js 8.10',
        family: 'nodejs',
        os: AL1,
        deprecation: '2020-03-06',
        blockUpdate: '2020-03-06',
    },
    // Block-create date not found.
    {
        id: 'nodejs6.10',
        name: 'Node.js 6.10',
        family: 'nodejs',
        os: AL1,
        deprecation: '2019-08-12',
        blockUpdate: '2019-08-12',
    },
    // Block-create date not found.
    {
        id: 'nodejs4.3',
        name: 'Node.js 4.3',
        family: 'nodejs',
        os: AL1,
        deprecation: '2020-03-05',
        blockUpdate: '2020-03-05',
    },
    // Block-create date not found.
    {
        id: 'nodejs',
        name: 'Node.js 0.10',
        family: 'nodejs',
        os: AL1,
        deprecation: '2016-08-30',
        blockUpdate: '2016-10-31',
    },
    // ── Python ───────────────────────────────────────────────────────────────────────────────────────────────────────
    {
        id: 'python3.14',
        name: 'Python 3.14',
        family: 'python',
        os: AL2023,
        deprecation: '2029-06-30',
        blockCreate: '2029-07-31',
        blockUpdate: '2029-08-31',
    },
    {
        id: 'python3.13',
        name: 'Python 3.13',
        family: 'python',
        os: AL2023,
        deprecation: '2029-06-30',
        blockCreate: '2029-07-31',
        blockUpdate: '2029-08-31',
    },
    {
        id: 'python3.12',
        name: 'Python 3.12',
        family: 'python',
        os: AL2023,
        deprecation: '2028-10-31',
        blockCreate: '2028-11-30',
        blockUpdate: '2029-01-10',
    },
    {
        id: 'python3.11',
        name: 'Python 3.11',
        family: 'python',
        os: AL2,
        deprecation: '2027-06-30',
        blockCreate: '2027-07-31',
        blockUpdate: '2027-08-31',
    },
    // Conflict: the newest stored AWS Python page gives block create 2026-11-30 / block update 2027-01-15; the later AWS
    // table as copied by endoflife.date gives block update 2027-03-03. The later value is used; the block-create date of
    // that later revision was not found.
    {
        id: 'python3.10',
        name: 'Python 3.10',
        family: 'python',
        os: AL2,
        deprecation: '2026-10-31',
        blockCreate: undefined,
        blockUpdate: '2027-03-03',
    },
    // Conflict: an older AWS Python page revision gives block create 2026-02-03 / block update 2026-03-09; the later AWS
    // table (endoflife.date; also quoted in an AWS re:Post answer) gives 2027-02-01 / 2027-03-03, which are used.
    {
        id: 'python3.9',
        name: 'Python 3.9',
        family: 'python',
        os: AL2,
        deprecation: '2025-12-15',
        blockCreate: '2027-02-01',
        blockUpdate: '2027-03-03',
    },
    // AWS's 2024 notice gave block create 2025-02-28 / block update 2025-03-31; block update has since moved to 2027-03-03
    // and the current block-create date was not found.
    {
        id: 'python3.8',
        name: 'Python 3.8',
        family: 'python',
        os: AL2,
        deprecation: '2024-10-14',
        blockUpdate: '2027-03-03',
    },
    // An earlier AWS revision gave block create 2024-01-09; block update has since moved to 2027-03-03 and the current
    // block-create date was not found.
    {
        id: 'python3.7',
        name: 'Python 3.7',
        family: 'python',
        os: AL1,
        deprecation: '2023-12-04',
        blockUpdate: '2027-03-03',
    },
    // Block-create date not found.
    {
        id: 'python3.6',
        name: 'Python 3.6',
        family: 'python',
        os: AL1,
        deprecation: '2022-07-18',
        blockUpdate: '2022-08-29',
    },
    // Block-create date not found.
    {
        id: 'python2.7',
        name: 'Python 2.7',
        family: 'python',
        os: AL1,
        deprecation: '2021-07-15',
        blockUpdate: '2022-05-30',
    },
    // ── Java ─────────────────────────────────────────────────────────────────────────────────────────────────────────
    {
        id: 'java25',
        name: 'Java 25',
        family: 'java',
        os: AL2023,
        deprecation: '2029-06-30',
        blockCreate: '2029-07-31',
        blockUpdate: '2029-08-31',
    },
    {
        id: 'java21',
        name: 'Java 21',
        family: 'java',
        os: AL2023,
        deprecation: '2029-06-30',
        blockCreate: '2029-07-31',
        blockUpdate: '2029-08-31',
    },
    // java17.al2023 / java11.al2023 / java8.al2023 (added 2026-07-31): only endoflife.date was read for these; the AWS Java
    // page revision stored does not list them yet. Block-create dates not found.
    {
        id: 'java17.al2023',
        name: 'Java 17',
        family: 'java',
        os: AL2023,
        deprecation: '2029-06-30',
        blockUpdate: '2029-08-31',
    },
    {
        id: 'java17',
        name: 'Java 17',
        family: 'java',
        os: AL2,
        deprecation: '2027-06-30',
        blockCreate: '2027-07-31',
        blockUpdate: '2027-08-31',
    },
    {
        id: 'java11.al2023',
        name: 'Java 11',
        family: 'java',
        os: AL2023,
        deprecation: '2029-06-30',
        blockUpdate: '2029-08-31',
    },
    {
        id: 'java11',
        name: 'Java 11',
        family: 'java',
        os: AL2,
        deprecation: '2027-06-30',
        blockCreate: '2027-07-31',
        blockUpdate: '2027-08-31',
    },
    {
        id: 'java8.al2023',
        name: 'Java 8',
        family: 'java',
        os: AL2023,
        deprecation: '2029-06-30',
        blockUpdate: '2029-08-31',
    },
    {
        id: 'java8.al2',
        name: 'Java 8',
        family: 'java',
        os: AL2,
        deprecation: '2027-06-30',
        blockCreate: '2027-07-31',
        blockUpdate: '2027-08-31',
    },
    // Block-create date of the current AWS table not found.
    { id: 'java8', name: 'Java 8', family: 'java', os: AL1, deprecation: '2024-01-08', blockUpdate: '2027-03-03' },
    // ── .NET ─────────────────────────────────────────────────────────────────────────────────────────────────────────
    {
        id: 'dotnet10',
        name: '.NET 10',
        family: 'dotnet',
        os: AL2023,
        deprecation: '2028-11-14',
        blockCreate: '2028-12-14',
        blockUpdate: '2029-01-15',
    },
    // Container images only; AWS lists block create and block update as "Not scheduled".
    { id: 'dotnet9', name: '.NET 9 (container only)', family: 'dotnet', os: AL2023, deprecation: '2026-11-10' },
    // Conflict: an older AWS C# page revision gives block create 2026-12-10 / block update 2027-01-11; a newer AWS
    // revision (docs.amazonaws.cn) gives 2027-02-01 / 2027-03-03, which are used.
    {
        id: 'dotnet8',
        name: '.NET 8',
        family: 'dotnet',
        os: AL2023,
        deprecation: '2026-11-10',
        blockCreate: '2027-02-01',
        blockUpdate: '2027-03-03',
    },
    // Block create from an endoflife.ai summary of the AWS table; deprecation and block update from endoflife.date.
    {
        id: 'dotnet6',
        name: '.NET 6',
        family: 'dotnet',
        os: AL2,
        deprecation: '2024-12-20',
        blockCreate: '2027-02-01',
        blockUpdate: '2027-03-03',
    },
    {
        id: 'dotnetcore3.1',
        name: '.NET Core 3.1',
        family: 'dotnet',
        os: AL2,
        deprecation: '2023-04-03',
        blockCreate: '2023-04-03',
        blockUpdate: '2023-05-03',
    },
    {
        id: 'dotnetcore2.1',
        name: '.NET Core 2.1',
        family: 'dotnet',
        os: AL1,
        deprecation: '2022-01-05',
        blockCreate: '2022-01-05',
        blockUpdate: '2022-04-13',
    },
    // Block-create date not found.
    {
        id: 'dotnetcore2.0',
        name: '.NET Core 2.0',
        family: 'dotnet',
        os: AL1,
        deprecation: '2019-05-30',
        blockUpdate: '2019-05-30',
    },
    // Block-create date not found.
    {
        id: 'dotnetcore1.0',
        name: '.NET Core 1.0',
        family: 'dotnet',
        os: AL1,
        deprecation: '2019-06-27',
        blockUpdate: '2019-07-30',
    },
    // ── Ruby ─────────────────────────────────────────────────────────────────────────────────────────────────────────
    {
        id: 'ruby4.0',
        name: 'Ruby 4.0',
        family: 'ruby',
        os: AL2023,
        deprecation: '2029-03-31',
        blockCreate: '2029-04-30',
        blockUpdate: '2029-05-31',
    },
    {
        id: 'ruby3.4',
        name: 'Ruby 3.4',
        family: 'ruby',
        os: AL2023,
        deprecation: '2028-03-31',
        blockCreate: '2028-04-30',
        blockUpdate: '2028-05-31',
    },
    {
        id: 'ruby3.3',
        name: 'Ruby 3.3',
        family: 'ruby',
        os: AL2023,
        deprecation: '2027-03-31',
        blockCreate: '2027-04-30',
        blockUpdate: '2027-05-31',
    },
    // Conflict: the newest stored AWS Ruby page gives block create 2026-08-31 / block update 2026-09-30 (an earlier
    // revision: 2026-06-01 / 2026-07-01); the later AWS table as copied by endoflife.date gives block update 2027-03-03.
    // The later value is used; the block-create date of that later revision was not found.
    {
        id: 'ruby3.2',
        name: 'Ruby 3.2',
        family: 'ruby',
        os: AL2,
        deprecation: '2026-03-31',
        blockCreate: undefined,
        blockUpdate: '2027-03-03',
    },
    // Block-create date of the current AWS table not found.
    { id: 'ruby2.7', name: 'Ruby 2.7', family: 'ruby', os: AL2, deprecation: '2023-12-07', blockUpdate: '2027-03-03' },
    // Block-create date not found.
    { id: 'ruby2.5', name: 'Ruby 2.5', family: 'ruby', os: AL1, deprecation: '2021-07-30', blockUpdate: '2022-03-31' },
    // ── Go ───────────────────────────────────────────────────────────────────────────────────────────────────────────
    // Go now runs on the OS-only runtimes below. Block-create date of the current AWS table not found.
    { id: 'go1.x', name: 'Go 1.x', family: 'go', os: AL1, deprecation: '2024-01-08', blockUpdate: '2027-03-03' },
    // ── OS-only ──────────────────────────────────────────────────────────────────────────────────────────────────────
    {
        id: 'provided.al2023',
        name: 'OS-only Runtime',
        family: 'provided',
        os: AL2023,
        deprecation: '2029-06-30',
        blockCreate: '2029-07-31',
        blockUpdate: '2029-08-31',
    },
    // Older AWS revisions gave 2026-06-30 / 2026-07-31 / 2026-08-31, then 2026-07-31 / 2026-08-31 / 2026-09-30; the
    // newest AWS revision read (Go container-image page) gives the dates used here.
    {
        id: 'provided.al2',
        name: 'OS-only Runtime',
        family: 'provided',
        os: AL2,
        deprecation: '2026-07-31',
        blockCreate: '2027-02-01',
        blockUpdate: '2027-03-03',
    },
    // Block-create date of the current AWS table not found.
    {
        id: 'provided',
        name: 'Custom Runtime',
        family: 'provided',
        os: AL1,
        deprecation: '2024-01-08',
        blockUpdate: '2027-03-03',
    },
];
