/**
 * The application menu. 文件 → 导入文档… opens the system file dialog in the main process (a renderer
 * cannot open a native dialog) and hands the chosen file's bytes to the page, which shows the same
 * preview and metadata form as the Library's import button.
 */
import { BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { MAX_IMPORT_BYTES, MENU_IMPORT_CHANNEL, type MenuImportFile } from './api/contract';

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
    if (statSync(path).size > MAX_IMPORT_BYTES) {
      await dialog.showMessageBox(win, { type: 'warning', message: `${basename(path)} 超过 ${MAX_IMPORT_BYTES / 1048576} MB 的导入上限。` });
      return;
    }
    const file: MenuImportFile = { name: basename(path), data: new Uint8Array(readFileSync(path)) };
    win.webContents.send(MENU_IMPORT_CHANNEL, file);
  } catch (e) {
    await dialog.showMessageBox(win, { type: 'error', message: `无法读取 ${basename(path)}：${e instanceof Error ? e.message : String(e)}` });
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
