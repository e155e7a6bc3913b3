/**
 * The application menu. 文件 → 导入文档… opens the system file dialog in the main process (a renderer
 * cannot open a native dialog) and hands the chosen file's bytes to the page, which shows the same
 * preview and metadata form as the Library's import button.
 */
import { BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { MAX_IMPORT_BYTES, MENU_IMPORT_CHANNEL, type MenuImportFile } from './api/contract';

/** Why a file could not be read, in words (the system's own message is English). */
function readFailure(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | null)?.code) {
    case 'ENOENT':
      return '文件不存在（可能已被移动或删除）';
    case 'EACCES':
    case 'EPERM':
      return '没有读取该文件的权限';
    case 'EISDIR':
      return '所选的是文件夹，不是文件';
    case 'EBUSY':
      return '文件正被其他程序占用';
    default:
      return `系统无法读取该文件（${(e as NodeJS.ErrnoException | null)?.code ?? '未知错误'}）`;
  }
}

async function chooseAndSend(win: BrowserWindow): Promise<void> {
  const result = await dialog.showOpenDialog(win, {
    title: '导入文档',
    properties: ['openFile'],
    filters: [
      { name: '法规文本', extensions: ['docx', 'pdf', 'txt', 'html', 'htm'] },
      { name: '全部文件', extensions: ['*'] },
    ],
  });
  const path = result.filePaths[0];
  if (result.canceled || !path) return;
  try {
    // Larger files are refused here, before they are read.
    if ((await stat(path)).size > MAX_IMPORT_BYTES) {
      await dialog.showMessageBox(win, { type: 'warning', title: '导入文档', message: `${basename(path)} 超过 ${MAX_IMPORT_BYTES / 1048576} MB 的导入上限。` });
      return;
    }
    // Read without blocking the main process (a file may be tens of MB).
    const file: MenuImportFile = { name: basename(path), data: new Uint8Array(await readFile(path)) };
    win.webContents.send(MENU_IMPORT_CHANNEL, file);
  } catch (e) {
    await dialog.showMessageBox(win, { type: 'error', title: '导入文档', message: `无法读取 ${basename(path)}：${readFailure(e)}。` });
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
