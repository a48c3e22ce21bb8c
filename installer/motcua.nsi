; MotCua installer for Windows 10/11 x64, compiled on Linux by Debian's makensis (installer/build-windows.sh):
;   makensis -XTarget amd64-unicode -DVERSION=… -DSTAGE=<pynsist staging folder> -DOUTFILE=… installer/motcua.nsi
;
; Why these choices (see installer/README.md):
; - Per user without administrator rights (most commune clerks have none): %LOCALAPPDATA%\Programs\MotCua; per
;   machine (Program Files) when started as administrator. NSIS MultiUser remembers the mode for upgrades.
; - The office's data lives in %LOCALAPPDATA%\MotCua (platformdirs), never inside the program folder: an upgrade
;   replaces the program only, and the app backs the store up and migrates it when it next opens.
; - Nothing half-replaced: a running MotCua stops the installer before anything is written; the new program is
;   unpacked next to the old one (_new) and swapped in by renames, so a full disk leaves the old version intact.
; - Silent: /S (defaults: shortcuts, no hub autostart); /CurrentUser or /AllUsers; /HUBAUTOSTART, /KIOSKICON,
;   /DISPLAYICON select the optional parts; /EN for English texts and shortcut names. Uninstaller: /S keeps the data; /DELETEDATA deletes it.
Unicode true
ManifestDPIAware true
!ifndef COMPRESSOR
  !define COMPRESSOR lzma
!endif
SetCompressor /SOLID ${COMPRESSOR}
RequestExecutionLevel user

!ifndef VERSION
  !error "pass -DVERSION=x.y.z"
!endif
!ifndef STAGE
  !error "pass -DSTAGE=<pynsist build/nsis folder>"
!endif
!define PRODUCT "MotCua"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\MotCua"
!define RUN_KEY "Software\Microsoft\Windows\CurrentVersion\Run"
!define RUN_VALUE "MotCua hub"
; The office hub (issue 13): started at sign-in when the option is ticked.
!define HUB_ARGS "hub serve"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "0.0.0.0"
VIAddVersionKey /LANG=0 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileDescription" "MotCua installer"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT"

!define MULTIUSER_EXECUTIONLEVEL Highest
!define MULTIUSER_MUI
!define MULTIUSER_INSTALLMODE_COMMANDLINE
!define MULTIUSER_USE_PROGRAMFILES64
!define MULTIUSER_INSTALLMODE_INSTDIR "${PRODUCT}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_INSTDIR_REGISTRY_VALUENAME "InstallLocation"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_KEY "${UNINST_KEY}"
!define MULTIUSER_INSTALLMODE_DEFAULT_REGISTRY_VALUENAME "InstallMode"
!include MultiUser.nsh
!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh
!include nsDialogs.nsh

!define MUI_ABORTWARNING
!insertmacro MUI_PAGE_WELCOME
!insertmacro MULTIUSER_PAGE_INSTALLMODE
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

!include "motcua-strings.nsh"

Var DeleteData
Var DeleteDataBox
Var DataDir
Var PathVerb

Section "!$(SecApp)" sec_app
  SectionIn RO
  Call CheckNotRunning
  SetOutPath "$INSTDIR"
  ; Leftovers of an interrupted earlier run.
  RMDir /r "$INSTDIR\_new"
  RMDir /r "$INSTDIR\_old"
  ; Unpack next to the old program. A write error (full disk) either aborts (.onInstFailed cleans up) or, when the
; user picks Ignore, sets the error flag checked below.
  ClearErrors
  SetOutPath "$INSTDIR\_new\Python"
  File /r "${STAGE}\Python\*.*"
  SetOutPath "$INSTDIR\_new\pkgs"
  File /r "${STAGE}\pkgs\*.*"
  SetOutPath "$INSTDIR\_new\bin"
  File /r "${STAGE}\bin\*.*"
  SetOutPath "$INSTDIR\_new"
  File "${STAGE}\_system_path.py"
  WriteUninstaller "$INSTDIR\_new\uninstall.exe"
  ${If} ${Errors}
    SetOutPath "$INSTDIR"
    RMDir /r "$INSTDIR\_new"
    MessageBox MB_OK|MB_ICONSTOP "$(WriteFailed)" /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
  SetOutPath "$INSTDIR"
  Call SwapIn
  RMDir /r "$INSTDIR\_old"
  RMDir /r "$INSTDIR\_new"

  DetailPrint "$(Compiling)"
  nsExec::ExecToLog '"$INSTDIR\Python\python.exe" -m compileall -q "$INSTDIR\pkgs"'
  Pop $0
  StrCpy $PathVerb "add_user"
  StrCmp $MultiUser.InstallMode "AllUsers" 0 +2
    StrCpy $PathVerb "add"
  nsExec::ExecToLog '"$INSTDIR\Python\python.exe" -Es "$INSTDIR\_system_path.py" $PathVerb "$INSTDIR\bin"'
  Pop $0

  ; Start menu, in Vietnamese (English with /EN).
  SetOutPath "$INSTDIR"
  CreateDirectory "$SMPROGRAMS\${PRODUCT}"
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\$(ScApp).lnk" "$INSTDIR\bin\motcua-app.exe" "" "$INSTDIR\bin\motcua-app.exe" 0
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\$(ScKiosk).lnk" "$INSTDIR\bin\motcua-app.exe" "--kiosk" "$INSTDIR\bin\motcua-app.exe" 0
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\$(ScDisplay).lnk" "$INSTDIR\bin\motcua-app.exe" "--display" "$INSTDIR\bin\motcua-app.exe" 0
  ; The demo office for training: its own province, hub and four PCs in the user's data folder (demo-office),
  ; never the real data. Through the console launcher, which shows the office being built (20-70 s) and says
  ; how to end it.
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\$(ScDemoOffice).lnk" "$INSTDIR\bin\motcua.exe" "--demo-office" "$INSTDIR\bin\motcua-app.exe" 0
  CreateShortCut "$SMPROGRAMS\${PRODUCT}\$(ScUninstall).lnk" "$INSTDIR\uninstall.exe"

  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayName" "${PRODUCT} - $(ScApp)"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr SHCTX "${UNINST_KEY}" "Publisher" "MotCua"
  WriteRegStr SHCTX "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode'
  WriteRegStr SHCTX "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /$MultiUser.InstallMode /S'
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr SHCTX "${UNINST_KEY}" "InstallMode" "$MultiUser.InstallMode"
  WriteRegStr SHCTX "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\bin\motcua-app.exe"
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD SHCTX "${UNINST_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD SHCTX "${UNINST_KEY}" "EstimatedSize" "$0"
  ; The hub autostart is switched off unless its section is selected again (upgrade = choose again).
  DeleteRegValue SHCTX "${RUN_KEY}" "${RUN_VALUE}"
SectionEnd

Section "$(SecDesktop)" sec_desktop
  SetOutPath "$INSTDIR"
  CreateShortCut "$DESKTOP\${PRODUCT} - $(ScApp).lnk" "$INSTDIR\bin\motcua-app.exe" "" "$INSTDIR\bin\motcua-app.exe" 0
SectionEnd

Section /o "$(SecKiosk)" sec_kiosk
  SetOutPath "$INSTDIR"
  CreateShortCut "$DESKTOP\$(ScKiosk).lnk" "$INSTDIR\bin\motcua-app.exe" "--kiosk" "$INSTDIR\bin\motcua-app.exe" 0
SectionEnd

Section /o "$(SecDisplay)" sec_display
  SetOutPath "$INSTDIR"
  CreateShortCut "$DESKTOP\$(ScDisplay).lnk" "$INSTDIR\bin\motcua-app.exe" "--display" "$INSTDIR\bin\motcua-app.exe" 0
SectionEnd

; The windowed launcher runs the same program as motcua.exe (app.main:main) without a console window.
Section /o "$(SecHub)" sec_hub
  WriteRegStr SHCTX "${RUN_KEY}" "${RUN_VALUE}" '"$INSTDIR\bin\motcua-app.exe" ${HUB_ARGS}'
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${sec_app} $(SecAppDesc)
  !insertmacro MUI_DESCRIPTION_TEXT ${sec_desktop} $(SecDesktop)
  !insertmacro MUI_DESCRIPTION_TEXT ${sec_kiosk} $(SecKiosk)
  !insertmacro MUI_DESCRIPTION_TEXT ${sec_display} $(SecDisplay)
  !insertmacro MUI_DESCRIPTION_TEXT ${sec_hub} $(SecHubDesc)
!insertmacro MUI_FUNCTION_DESCRIPTION_END


; Vietnamese whatever the language of Windows (commune PCs often run an English Windows); /EN for English.
!macro ChooseLanguage
  StrCpy $LANGUAGE ${LANG_VIETNAMESE}
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/EN" $1
  ${IfNot} ${Errors}
    StrCpy $LANGUAGE ${LANG_ENGLISH}
  ${EndIf}
!macroend

Function .onInit
  !insertmacro ChooseLanguage
  !insertmacro MULTIUSER_INIT
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/HUBAUTOSTART" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${sec_hub} ${SF_SELECTED}
  ${EndIf}
  ClearErrors
  ${GetOptions} $0 "/KIOSKICON" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${sec_kiosk} ${SF_SELECTED}
  ${EndIf}
  ClearErrors
  ${GetOptions} $0 "/DISPLAYICON" $1
  ${IfNot} ${Errors}
    SectionSetFlags ${sec_display} ${SF_SELECTED}
  ${EndIf}
FunctionEnd

; Before anything is written: a MotCua running from this folder holds its Python DLL and launchers open, and
; Windows refuses to open them for writing. Retry / Cancel; silent: cancel with exit code 5.
!macro InUse PART
  ${If} ${FileExists} "$INSTDIR\${PART}"
    ClearErrors
    FileOpen $9 "$INSTDIR\${PART}" a
    ${If} ${Errors}
      StrCpy $8 "1"
    ${Else}
      FileClose $9
    ${EndIf}
  ${EndIf}
!macroend

Function CheckNotRunning
  retry:
  StrCpy $8 ""
  !insertmacro InUse "Python\python313.dll"
  !insertmacro InUse "bin\motcua-app.exe"
  !insertmacro InUse "bin\motcua.exe"
  !insertmacro InUse "bin\motcua-central.exe"
  ${If} $8 == "1"
    MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(Running)" /SD IDCANCEL IDRETRY retry
    SetErrorLevel 5
    Quit
  ${EndIf}
FunctionEnd

; Old parts aside into _old, new parts in from _new, by renames on one volume; any failure puts the old back.
!macro Aside PART
  ${If} ${FileExists} "$INSTDIR\${PART}"
    Rename "$INSTDIR\${PART}" "$INSTDIR\_old\${PART}"
  ${EndIf}
!macroend
!macro MoveIn PART
  Rename "$INSTDIR\_new\${PART}" "$INSTDIR\${PART}"
!macroend
!macro PutBack PART
  ${If} ${FileExists} "$INSTDIR\_old\${PART}"
    ${If} ${FileExists} "$INSTDIR\${PART}"
      Rename "$INSTDIR\${PART}" "$INSTDIR\_new\${PART}"
    ${EndIf}
    Rename "$INSTDIR\_old\${PART}" "$INSTDIR\${PART}"
  ${EndIf}
!macroend
!macro ForParts MACRO
  !insertmacro ${MACRO} "Python"
  !insertmacro ${MACRO} "pkgs"
  !insertmacro ${MACRO} "bin"
  !insertmacro ${MACRO} "_system_path.py"
  !insertmacro ${MACRO} "uninstall.exe"
!macroend

Function SwapIn
  CreateDirectory "$INSTDIR\_old"
  ClearErrors
  !insertmacro ForParts Aside
  ${IfNot} ${Errors}
    !insertmacro ForParts MoveIn
  ${EndIf}
  ${If} ${Errors}
    ClearErrors
    !insertmacro ForParts PutBack
    SetOutPath "$INSTDIR"
    RMDir /r "$INSTDIR\_new"
    RMDir /r "$INSTDIR\_old"
    MessageBox MB_OK|MB_ICONSTOP "$(WriteFailed)" /SD IDOK
    SetErrorLevel 3
    Quit
  ${EndIf}
FunctionEnd

; A write error that aborted the install (NSIS stops on it when silent, or when the user picks Abort): the old
; program was not touched yet; remove the half-unpacked copy and say so.
Function .onInstFailed
  SetOutPath "$TEMP"
  RMDir /r "$INSTDIR\_new"
  MessageBox MB_OK|MB_ICONSTOP "$(WriteFailed)" /SD IDOK
  SetErrorLevel 3
FunctionEnd

Function un.onInit
  !insertmacro ChooseLanguage
  !insertmacro MULTIUSER_UNINIT
  ; The data folder of the user who uninstalls, as app/paths.py finds it (MOTCUA_DATA_DIR, else platformdirs).
  ReadEnvStr $DataDir "MOTCUA_DATA_DIR"
  ${If} $DataDir == ""
    SetShellVarContext current
    StrCpy $DataDir "$LOCALAPPDATA\${PRODUCT}"
    StrCmp $MultiUser.InstallMode "AllUsers" 0 +2
      SetShellVarContext all
  ${EndIf}
  StrCpy $DeleteData ${BST_UNCHECKED}
  ${GetParameters} $0
  ClearErrors
  ${GetOptions} $0 "/DELETEDATA" $1
  ${IfNot} ${Errors}
    StrCpy $DeleteData ${BST_CHECKED}
  ${EndIf}
FunctionEnd

Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "$(DataTitle)" "$(DataSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 48u "$(DataKept)"
  Pop $0
  ${NSD_CreateCheckbox} 0 56u 100% 12u "$(DataDelete)"
  Pop $DeleteDataBox
  ${NSD_SetState} $DeleteDataBox $DeleteData
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DeleteDataBox $DeleteData
FunctionEnd

Section "Uninstall"
  nsExec::ExecToLog '"$INSTDIR\Python\python.exe" -Es "$INSTDIR\_system_path.py" remove "$INSTDIR\bin"'
  Pop $0
  RMDir /r "$INSTDIR\bin"
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\Python"
  RMDir /r "$INSTDIR\_new"
  RMDir /r "$INSTDIR\_old"
  Delete "$INSTDIR\_system_path.py"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  RMDir /r "$SMPROGRAMS\${PRODUCT}"
  Delete "$DESKTOP\${PRODUCT} - $(ScApp).lnk"
  Delete "$DESKTOP\$(ScKiosk).lnk"
  Delete "$DESKTOP\$(ScDisplay).lnk"
  DeleteRegValue SHCTX "${RUN_KEY}" "${RUN_VALUE}"
  DeleteRegKey SHCTX "${UNINST_KEY}"
  ; The data folder is the only copy of the office's dossiers until the device has synced: kept unless asked.
  ${If} $DeleteData == ${BST_CHECKED}
    RMDir /r "$DataDir"
  ${EndIf}
SectionEnd
