/**
 * A go.work workspace whose module folders hold a space, `$`, a quote, glob characters, a leading space and
 * non-ASCII letters: paths every generated file must carry as data. Written at test time (no such
 * names in the repository); Go accepts them above module roots (import paths themselves cannot hold them).
 */
export const APP_DIR = 'apps/my app $HOME';
export const SOLO_DIR = "apps/solo it's";
export const QUOTED_DIR = "libs/it's [x]*";
export const LEAD_DIR = 'libs/ lead café';

const UUID_SUM =
  'github.com/google/uuid v1.6.0 h1:NIvaJDMOsjHA8n1jAhLSgzrAzy1Hgr+hNrb57e+94F0=\n' +
  'github.com/google/uuid v1.6.0/go.mod h1:TIyPZe4MgqvfeYDBFedMoGGpEw/LqOeaOT+nhxU+yHo=\n';

export const ODD_PATHS_FILES: Record<string, string> = {
  'go.work': `go 1.26\n\nuse (\n\t"./${APP_DIR}"\n\t${JSON.stringify(`./${QUOTED_DIR}`)}\n\t"./${LEAD_DIR}"\n)\n`,
  [`${APP_DIR}/go.mod`]: 'module example.com/app\n\ngo 1.26\n\nrequire github.com/google/uuid v1.6.0\n',
  [`${APP_DIR}/go.sum`]: UUID_SUM,
  [`${APP_DIR}/main.go`]:
    'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/lead"\n\t"example.com/quoted"\n\t"github.com/google/uuid"\n)\n\n' +
    'func main() { fmt.Println("app", quoted.Name(), lead.Name(), len(uuid.NewString())) }\n',
  [`${SOLO_DIR}/go.mod`]:
    'module example.com/solo\n\ngo 1.26\n\nrequire (\n\texample.com/quoted v0.0.0\n\tgithub.com/google/uuid v1.6.0\n)\n\n' +
    `replace example.com/quoted => ${JSON.stringify(`../../${QUOTED_DIR}`)}\n`,
  [`${SOLO_DIR}/go.sum`]: UUID_SUM,
  [`${SOLO_DIR}/main.go`]:
    'package main\n\nimport (\n\t"fmt"\n\n\t"example.com/quoted"\n\t"github.com/google/uuid"\n)\n\nfunc main() { fmt.Println("solo", quoted.Name(), len(uuid.NewString())) }\n',
  [`${QUOTED_DIR}/go.mod`]: 'module example.com/quoted\n\ngo 1.26\n',
  [`${QUOTED_DIR}/quoted.go`]: 'package quoted\n\n// Name names the package.\nfunc Name() string { return "quoted" }\n',
  [`${LEAD_DIR}/go.mod`]: 'module example.com/lead\n\ngo 1.26\n',
  [`${LEAD_DIR}/lead.go`]: 'package lead\n\n// Name names the package.\nfunc Name() string { return "lead" }\n',
};

/** A folder with a comma and double quotes too: a `--mount` field then needs BuildKit's CSV quoting. */
export const CSV_DIR = 'libs/a,b "q"';

export const CSV_PATHS_FILES: Record<string, string> = {
  ...ODD_PATHS_FILES,
  'go.work': ODD_PATHS_FILES['go.work'].replace('\n)\n', `\n\t${JSON.stringify(`./${CSV_DIR}`)}\n)\n`),
  [`${APP_DIR}/main.go`]: ODD_PATHS_FILES[`${APP_DIR}/main.go`]
    .replace('\t"example.com/lead"', '\t"example.com/csv"\n\t"example.com/lead"')
    .replace('quoted.Name(), lead.Name()', 'quoted.Name(), lead.Name(), csv.Name()'),
  [`${CSV_DIR}/go.mod`]: 'module example.com/csv\n\ngo 1.26\n',
  [`${CSV_DIR}/csv.go`]: 'package csv\n\n// Name names the package.\nfunc Name() string { return "csv" }\n',
};
