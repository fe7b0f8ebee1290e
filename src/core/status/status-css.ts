/**
 * The page's only style sheet, inline. Colours meet WCAG AA (4.5:1) on the page background in
 * both schemes; every level also carries an icon and a word, so nothing depends on colour.
 */
export const STATUS_CSS = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1f2328;--mu:#59636e;--bd:#d1d9e0;--ok:#1a7f37;--wa:#9a6700;--cr:#cf222e;--ac:#0969da;--sb:#f6f8fa}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--mu:#9198a1;--bd:#3d444d;--ok:#3fb950;--wa:#d29922;--cr:#ff7b72;--ac:#4493f8;--sb:#161b22}}
*{box-sizing:border-box}
body{margin:0 auto;max-width:72rem;padding:1rem;background:var(--bg);color:var(--fg);font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.2rem;margin:0}h3{font-size:1rem;margin:.8rem 0 .3rem}
a{color:var(--ac)}.mu{color:var(--mu)}
.lv-ok{color:var(--ok)}.lv-warning{color:var(--wa)}.lv-critical{color:var(--cr)}.lv-unknown{color:var(--mu)}
.lv-ok,.lv-warning,.lv-critical,.lv-unknown{font-weight:600;white-space:nowrap}
.lv-ok::before{content:"✔ "/""}.lv-warning::before{content:"▲ "/""}.lv-critical::before{content:"✖ "/""}.lv-unknown::before{content:"? "/""}
.prof{border:1px solid var(--bd);border-radius:8px;padding:.8rem 1rem;margin:1rem 0}
.head{display:flex;flex-wrap:wrap;gap:.4rem 1rem;align-items:baseline}
.stale{border:2px solid var(--cr);border-radius:6px;padding:.5rem .7rem;margin:.6rem 0;font-weight:600}
.cols{display:flex;flex-wrap:wrap;gap:1rem}.cols>section{flex:1 1 20rem;min-width:0}
ol{margin:0;padding-left:1.6rem}
.eps>li{border:1px solid var(--bd);border-radius:6px;padding:.4rem .6rem;margin:.35rem 0}
.eps>li.serving{border:3px solid var(--ac)}
.badge{display:inline-block;border:1px solid var(--ac);border-radius:1rem;padding:0 .5rem;font-size:.85rem;font-weight:600}
.facts{display:flex;flex-wrap:wrap;gap:.1rem .9rem;font-size:.9rem}
.spark{vertical-align:middle;margin-right:.4rem;width:96px;height:24px;background:var(--sb)}.down{fill:var(--cr)}.lat{fill:none;stroke:var(--ac);stroke-width:1.5}
.tl{width:100%;height:auto;max-height:2.2rem}.axis{stroke:var(--bd);fill:none}
.m-ok{fill:var(--ok)}.m-warning{fill:var(--wa)}.m-critical{fill:var(--cr)}.m-unknown{fill:var(--mu)}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{margin:.15rem 0}
code{font-size:.9em;overflow-wrap:anywhere}
`
  .trim()
  .replace(/\n/g, "");
