// Enhancements of the coordinator pages. Everything works without them: the focal point has its
// number fields and slides have their position numbers; this only adds pointer shortcuts.

const swedish = document.documentElement.lang === 'sv';

/** Rounds to two decimals, within 0..1. */
function unit(value) {
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

/** Clicking the preview picture fills the focal point fields; a chosen file is previewed first. */
function enhanceFocalPicker(picker) {
  const preview = picker.querySelector('[data-focal-preview]');
  const marker = picker.querySelector('.focal-marker');
  const x = picker.querySelector('input[name="focalX"]');
  const y = picker.querySelector('input[name="focalY"]');
  const fileInput = picker.closest('form')?.querySelector('input[type="file"]');
  if (!preview || !marker || !x || !y) return;
  const image = () => preview.querySelector('img');
  const place = () => {
    const [fx, fy] = [Number(x.value.replace(',', '.')), Number(y.value.replace(',', '.'))];
    const valid = x.value !== '' && y.value !== '' && fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1 && image();
    marker.classList.toggle('placed', Boolean(valid));
    if (valid) {
      marker.style.left = `${fx * 100}%`;
      marker.style.top = `${fy * 100}%`;
    }
  };
  preview.addEventListener('click', (event) => {
    const picture = image();
    if (!picture) return;
    const box = picture.getBoundingClientRect();
    x.value = String(unit((event.clientX - box.left) / box.width));
    y.value = String(unit((event.clientY - box.top) / box.height));
    place();
  });
  x.addEventListener('input', place);
  y.addEventListener('input', place);
  fileInput?.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    image()?.remove();
    if (file?.type.startsWith('image/')) {
      const picture = document.createElement('img');
      picture.alt = swedish ? 'Förhandsvisning av vald bild' : 'Preview of the chosen image';
      picture.src = URL.createObjectURL(file);
      preview.prepend(picture);
      picture.addEventListener('load', place);
    }
    place();
  });
  image()?.addEventListener('load', place);
  place();
}

/** Rows of the slide table can be dragged; dropping renumbers the position fields 10, 20, 30 … */
function enhanceReorder(form) {
  const body = form.querySelector('tbody');
  if (!body) return;
  const status = document.createElement('p');
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  form.append(status);
  let dragged = null;
  const renumber = () => {
    const names = [];
    for (const [index, row] of [...body.rows].entries()) {
      const input = row.querySelector('input.position');
      if (input) input.value = String((index + 1) * 10);
      names.push(row.querySelector('th')?.textContent?.trim() ?? '');
    }
    status.textContent = `${swedish ? 'Ny ordning, spara för att behålla den' : 'New order, save to keep it'}: ${names.join(', ')}`;
  };
  for (const row of body.rows) {
    row.draggable = true;
    row.addEventListener('dragstart', (event) => {
      dragged = row;
      row.classList.add('dragging');
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData('text/plain', row.dataset.slide ?? '');
    });
    row.addEventListener('dragend', () => {
      row.classList.remove('dragging');
      dragged = null;
    });
    row.addEventListener('dragover', (event) => event.preventDefault());
    row.addEventListener('drop', (event) => {
      event.preventDefault();
      if (!dragged || dragged === row) return;
      const box = row.getBoundingClientRect();
      body.insertBefore(dragged, event.clientY > box.top + box.height / 2 ? row.nextSibling : row);
      renumber();
    });
  }
}

for (const picker of document.querySelectorAll('[data-focal-picker]')) enhanceFocalPicker(picker);
for (const form of document.querySelectorAll('form[data-reorder]')) enhanceReorder(form);
