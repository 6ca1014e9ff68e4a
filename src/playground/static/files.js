// File attachments in the playground. A message's `files` are /v1/contents/{id} URLs that,
// as in Webex, need the viewer's bearer token: a plain link would download a 401 body. So
// the name comes from a HEAD's Content-Disposition, and a click fetches the file with the
// token and hands it to the browser under that name. Loaded before app.js.
'use strict';

/** The filename of a Content-Disposition header (`filename*=UTF-8''…` or `filename="…"`). */
function dispositionName(header) {
  if (!header) return '';
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      /* fall through to the plain name */
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return plain ? (plain[1] ?? plain[2] ?? '').trim() : '';
}

/** The page's own path for a content URL (the emulator names its public base, which may differ). */
const contentPath = (url) => url.replace(/^https?:\/\/[^/]+/, '');

/** A link per file: its real name once the HEAD answers; a click downloads it with `token`. */
function fileLinks(urls, token, onError) {
  const files = document.createElement('div');
  files.className = 'files';
  for (const url of urls) {
    const link = document.createElement('a');
    const path = contentPath(url);
    link.href = path;
    link.className = 'file';
    link.textContent = '📎 file';
    const auth = { authorization: `Bearer ${token}` };
    const named = fetch(path, { method: 'HEAD', headers: auth })
      .then((response) => {
        const name = response.ok ? dispositionName(response.headers.get('content-disposition')) : '';
        if (name) link.textContent = `📎 ${name}`;
        link.dataset.filename = name;
        return name;
      })
      .catch(() => '');
    link.addEventListener('click', async (event) => {
      event.preventDefault();
      try {
        const response = await fetch(path, { headers: auth });
        if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
        const name = dispositionName(response.headers.get('content-disposition')) || (await named) || 'file';
        const blobUrl = URL.createObjectURL(await response.blob());
        const save = Object.assign(document.createElement('a'), { href: blobUrl, download: name });
        document.body.append(save);
        save.click();
        save.remove();
        setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
      } catch (error) {
        onError(error);
      }
    });
    files.append(link);
  }
  return files;
}
