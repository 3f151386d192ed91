(() => {
  const problems = [];
  let cells = 0;
  const main = document.querySelector("main").getBoundingClientRect();
  for (const table of document.querySelectorAll("table")) {
    const box = table.getBoundingClientRect();
    if (box.right > main.right + 0.5) problems.push(`table wider than the page: ${box.right} > ${main.right}`);
    for (const row of table.rows) {
      let previous = null;
      for (const cell of row.cells) {
        cells += 1;
        const c = cell.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(cell);
        for (const t of range.getClientRects()) {
          if (t.width === 0) continue;
          if (t.left < c.left - 0.5 || t.right > c.right + 0.5)
            problems.push(`text out of its cell: ${cell.textContent} [${t.left},${t.right}] in [${c.left},${c.right}]`);
        }
        if (previous && previous.right > c.left + 0.5)
          problems.push(`cells overlap: ${cell.textContent}`);
        previous = c;
      }
    }
  }
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify({cells, problems});
  document.body.appendChild(out);
})();
