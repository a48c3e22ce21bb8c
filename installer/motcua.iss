; Inno Setup script for MotCua on Windows 10/11: per-machine install of the PyInstaller folder dist\motcua.
; Built by installer\build-windows.ps1, which passes /DAppVersion=<version> and fetches Vietnamese.isl (an
; unofficial Inno Setup translation, jrsoftware/issrc Files/Languages/Unofficial) next to this script.
;
; Why these choices: the PCs are shared by several clerks, so the program goes to Program Files for all users
; (admin rights), while each device's data stays in %LOCALAPPDATA%\MotCua, which the uninstaller never touches:
; until the device has synced, that folder is the only copy of the office's dossiers. The same AppId makes a
; newer installer upgrade in place; MotCua migrates the store (after a backup) when it next starts.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "MotCua"
#define AppExe "motcua.exe"

[Setup]
AppId={{6E2B7F3A-9C41-4D8E-A5B2-3F0C7D1E8A64}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=MotCua
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\dist\installer
OutputBaseFilename=motcua-setup-{#AppVersion}
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=auto

[Languages]
Name: "vi"; MessagesFile: "Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.KioskName=MotCua - Máy bốc số (kiosk)
en.KioskName=MotCua - Ticket kiosk
vi.DisplayName=MotCua - Màn hình phòng chờ
en.DisplayName=MotCua - Waiting-room display
vi.KioskTask=Biểu tượng máy bốc số trên màn hình nền
en.KioskTask=Desktop icon for the ticket kiosk
vi.DisplayTask=Biểu tượng màn hình phòng chờ trên màn hình nền
en.DisplayTask=Desktop icon for the waiting-room display
vi.ExtraIcons=Biểu tượng cho màn hình xếp hàng:
en.ExtraIcons=Icons for the queue screens:
vi.DataKept=Dữ liệu của đơn vị (thư mục %1) được giữ lại. Xóa thư mục đó bằng tay nếu thật sự không cần nữa.
en.DataKept=The office's data (folder %1) has been kept. Delete that folder by hand only if it is really no longer needed.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"
Name: "kioskicon"; Description: "{cm:KioskTask}"; GroupDescription: "{cm:ExtraIcons}"; Flags: unchecked
Name: "displayicon"; Description: "{cm:DisplayTask}"; GroupDescription: "{cm:ExtraIcons}"; Flags: unchecked

[Files]
; The whole bundle; replaced on upgrade, the data folder is elsewhere.
Source: "..\dist\motcua\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; Files of an older version that this one no longer ships must not shadow the new ones.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName}\{cm:KioskName}"; Filename: "{app}\{#AppExe}"; Parameters: "--kiosk"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName}\{cm:DisplayName}"; Filename: "{app}\{#AppExe}"; Parameters: "--display"; WorkingDir: "{app}"
Name: "{autoprograms}\{#AppName}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon
Name: "{autodesktop}\{cm:KioskName}"; Filename: "{app}\{#AppExe}"; Parameters: "--kiosk"; WorkingDir: "{app}"; Tasks: kioskicon
Name: "{autodesktop}\{cm:DisplayName}"; Filename: "{app}\{#AppExe}"; Parameters: "--display"; WorkingDir: "{app}"; Tasks: displayicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entry for the data folder, on purpose (see the header).

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
    MsgBox(FmtMessage(CustomMessage('DataKept'), [ExpandConstant('{localappdata}\{#AppName}')]), mbInformation, MB_OK);
end;
