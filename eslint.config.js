// @ts-check
import { readdirSync } from "node:fs";
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Imports that would make the pure core impure: SDKs, Node built-ins, I/O libraries, other layers. */
const impureForCore = [
  { group: ["@azure/*"], message: "src/core is pure: no Azure SDK (see ARCHITECTURE.md)." },
  { group: ["node:*"], message: "src/core is pure: no Node built-ins; take values as arguments." },
  {
    group: ["undici", "nodemailer", "croner", "p-limit"],
    message: "src/core is pure: I/O libraries belong in adapters.",
  },
  {
    group: ["**/adapters/**", "**/app/**", "**/functions/**", "**/cli/**", "**/config/**"],
    message: "src/core depends on nothing but itself.",
  },
];

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "coverage/**",
      ".ci/**",
      "bin/**",
      "**/*.js",
      "**/*.mjs",
      "!eslint.config.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ["eslint.config.js"] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/only-throw-error": "error",
      "no-restricted-globals": [
        "error",
        { name: "process", message: "Read settings through src/config only." },
      ],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: impureForCore }],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "src/core is pure." },
        { name: "fetch", message: "src/core is pure." },
        { name: "setTimeout", message: "src/core is pure: time is passed in." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "src/core takes the time as an argument." },
        { object: "Math", property: "random", message: "src/core is deterministic." },
      ],
    },
  },
  {
    files: ["src/app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/adapters/**", "**/functions/**", "**/cli/**", "@azure/*", "undici"],
              message: "Use cases take ports, not adapters or SDK clients.",
            },
            {
              group: ["**/config/**", "**/serve/**", "**/composition-root*"],
              message: "Use cases get plain values from their caller, not the configuration or the wiring.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/functions/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/adapters/**"],
              message: "Triggers call use cases; adapters are wired in the composition root.",
            },
          ],
        },
      ],
    },
  },
  {
    // process.env is read in exactly one place; CLI and bench entry points may touch argv/exit.
    files: [
      "src/config/**/*.ts",
      "src/cli/**/*.ts",
      "test/**/*.ts",
      "bench/**/*.ts",
      "vitest.config.ts",
      "src/composition-root.ts",
    ],
    rules: { "no-restricted-globals": "off" },
  },
  {
    files: ["test/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
    },
  },
  // Adapters (ARCHITECTURE.md, "Rules"): core, ports, AppError, config types and their SDK. Only an
  // adapter's `create-*.ts` factory wires others (in-memory fallbacks, table stores, the use case
  // it feeds); every adapter may use the shared Entra ID credential in adapters/identity.
  ...adapterRules(),
  {
    files: ["src/functions/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/cli/**", "**/serve/**"], message: "Triggers do not depend on other entry points." },
            {
              group: ["**/config/**", "**/composition-root*"],
              allowTypeImports: true,
              message: "Triggers get the Runtime; types only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/config/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "**/app/**",
                "**/adapters/**",
                "**/functions/**",
                "**/cli/**",
                "**/serve/**",
                "**/composition-root*",
                "@azure/*",
              ],
              message: "src/config reads settings with zod and the pure core only.",
            },
          ],
        },
      ],
    },
  },
);

/** One block per adapter folder, so "another adapter" can be named from where each file sits. */
function adapterRules() {
  const adapters = readdirSync(`${import.meta.dirname}/src/adapters`, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const common = [
    {
      group: ["**/functions/**", "**/cli/**", "**/serve/**", "**/composition-root*"],
      message: "Adapters do not depend on entry points or the wiring.",
    },
    { group: ["**/config/**"], allowTypeImports: true, message: "Adapters take config types only." },
  ];
  return adapters.flatMap((name) => {
    const others = adapters.filter((a) => a !== name && a !== "identity");
    // `../x/…` from the adapter's root, `../../x/…` from one folder down (notify/teams/…).
    const otherAdapters = others.flatMap((a) => [`../${a}/**`, `../../${a}/**`]);
    return [
      {
        files: [`src/adapters/${name}/**/*.ts`],
        ignores: [`src/adapters/${name}/**/create-*.ts`],
        rules: {
          "@typescript-eslint/no-restricted-imports": [
            "error",
            {
              patterns: [
                ...common,
                { group: otherAdapters, message: "Another adapter is wired by a create-*.ts factory only." },
                {
                  regex: "/app/(?!ports/|errors\\.js$)",
                  message: "Adapters implement ports; they may use app/ports and app/errors only.",
                },
              ],
            },
          ],
        },
      },
      {
        files: [`src/adapters/${name}/**/create-*.ts`],
        rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: common }] },
      },
    ];
  });
}
