/**
 * The application menu. 文件 → 导入文档… opens the system file dialog in the main process (a renderer
 * cannot open a native dialog) and hands the chosen file's bytes to the page, which shows the same
 * preview and metadata form as the Library's import button.
 */
import { BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_IMPORT_BYTES, MENU_IMPORT_CHANNEL, type MenuImportFile } from './api/contract';
import { say } from './engine/model/messages';

/** Why a file could not be read, in words (the system's own message is English). */
function readFailure(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
      return say('file.gone');
    case 'EACCES':
    case 'EPERM':
      return say('file.no_permission');
    case 'EISDIR':
      return say('file.is_folder');
    case 'EBUSY':
      return say('file.busy');
    default:
      return say('file.unreadable', { code: (e as NodeJS.ErrnoException | null)?.code ?? '' });
  }
}

async function chooseAndSend(win: BrowserWindow): Promise<void> {
  const result = await dialog.showOpenDialog(win, {
    title: '导入文档',
    properties: ['openFile'],
    filters: [
      { name: '法规文本', extensions: ['docx', 'pdf', 'txt', 'md', 'html', 'htm'] },
      { name: '全部文件', extensions: ['*'] },
    ],
  });
  const path = result.filePaths[0];
  if (result.canceled || !path) return;
  try {
    // Larger files are refused here, before they are read.
    if ((await stat(path)).size > MAX_IMPORT_BYTES) {
      await dialog.showMessageBox(win, { type: 'warning', title: '导入文档', message: say('shell.file_too_large', { name: basename(path), limit: MAX_IMPORT_BYTES / 1048576 }) });
      return;
    }
    // Read without blocking the main process (a file may be tens of MB).
    const file: MenuImportFile = { name: basename(path), data: new Uint8Array(await readFile(path)) };
    win.webContents.send(MENU_IMPORT_CHANNEL, file);
  } catch (e) {
    await dialog.showMessageBox(win, { type: 'error', title: '导入文档', message: say('shell.cannot_read', { name: basename(path), why: readFailure(e) }) });
  }
}

export function installMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        {
          label: '导入文档…',
          accelerator: 'CmdOrCtrl+O',
          click: (_item, win) => {
            if (win instanceof BrowserWindow) void chooseAndSend(win);
          },
        },
        { type: 'separator' },
        { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
