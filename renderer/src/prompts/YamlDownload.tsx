import { useEffect, useMemo } from 'react';

/** `triad-prompts-2025-01-31.yaml`: the date says which export a reviewer holds. */
export function exportFileName(now = new Date()): string {
  return `triad-prompts-${now.toISOString().slice(0, 10)}.yaml`;
}

/**
 * A link that saves text as a .yaml file. A blob: URL is made from text the page
 * already holds, so nothing is fetched; it is an ordinary download, not a
 * navigation, in Chromium and in the desktop shell alike.
 */
export function YamlDownload({ yaml, fileName }: { yaml: string; fileName: string }) {
  const url = useMemo(() => URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' })), [yaml]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <a className="btn btn-small" href={url} download={fileName}>
      Download {fileName}
    </a>
  );
}

/** Starts the download at once, for the click that asked for the export. */
export function downloadYaml(yaml: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The click has handed the blob to the download; free it once that has started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
