; Inno Setup script for the Windows installer of Planner. NOT BUILT OR TESTED YET (the project's
; build machine is Linux); see packaging/INSTALL.md.
;
; Per-user install, no administrator rights: the program goes to
; %LOCALAPPDATA%\Programs\Planner, a "Planner" entry to the user's Start menu. The plan itself
; is never inside the program folder: the app keeps it in %LOCALAPPDATA%\Planner.
; Uninstalling removes the program and the Start menu entry; the plan is deleted only when the
; person ticks the box offered for it.
;
; Build on Windows, from the repository root, after the bundle (dist\planner\planner.exe):
;   pyinstaller --noconfirm packaging\planner.spec
;   iscc /DAppVersion=0.1.0 packaging\windows\planner.iss
; Needs Inno Setup 6.6 or newer (CreateCustomForm's signature). Writes dist\Planner-setup-<version>.exe

#if Ver < EncodeVer(6, 6, 0)
  #error Inno Setup 6.6 or newer is needed to build this installer
#endif
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
; The AppId ties updates and the uninstaller together: never change it.
AppId={{903F8CC2-8DF3-44E5-BC46-DDB6DB826771}
AppName=Planner
AppVersion={#AppVersion}
AppVerName=Planner
; No publisher, web address or support links: the list of installed programs says only "Planner".
UninstallDisplayName=Planner
UninstallDisplayIcon={app}\planner.exe
PrivilegesRequired=lowest
DefaultDirName={autopf}\Planner
DisableDirPage=auto
DefaultGroupName=Planner
DisableProgramGroupPage=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..\..
OutputDir=dist
OutputBaseFilename=Planner-setup-{#AppVersion}
SetupIconFile=assets\planner.ico
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
; Close a running Planner before replacing its files (an update), and don't restart it for them.
CloseApplications=yes
RestartApplications=no
; No setup log in the temp folder.
SetupLogging=no
TimeStampsInUTC=yes

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"

[CustomMessages]
en.KeepPlanNote=Your saved plan stays on this computer, so Planner can open it again if it is installed later.
en.ErasePlanBox=Also erase my saved plan. This cannot be undone.
es.KeepPlanNote=Su plan guardado se queda en este equipo, para que Planner pueda abrirlo de nuevo si se instala más adelante.
es.ErasePlanBox=Borrar también mi plan guardado. Esto no se puede deshacer.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the whole program, so no file of an older version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "dist\planner\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Planner"; Filename: "{app}\planner.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Planner"; Filename: "{app}\planner.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\planner.exe"; Description: "{cm:LaunchProgram,Planner}"; Flags: nowait postinstall skipifsilent

[Code]
var
  ErasePlan: Boolean;

function PlanFolder(): String;
begin
  Result := ExpandConstant('{localappdata}\Planner');
end;

{ Ask, with a box that starts unticked, whether the saved plan goes too. Cancel stops the
  uninstall. Silent uninstalls never erase the plan. }
function InitializeUninstall(): Boolean;
var
  Form: TSetupForm;
  Note: TNewStaticText;
  EraseBox: TNewCheckBox;
  OkButton, CancelButton: TNewButton;
begin
  Result := True;
  ErasePlan := False;
  if UninstallSilent() or not DirExists(PlanFolder()) then
    Exit;
  Form := CreateCustomForm(420, 150, False, False);
  try
    Form.Caption := 'Planner';

    Note := TNewStaticText.Create(Form);
    Note.Parent := Form;
    Note.AutoSize := False;
    Note.WordWrap := True;
    Note.SetBounds(ScaleX(16), ScaleY(16), Form.ClientWidth - ScaleX(32), ScaleY(40));
    Note.Caption := CustomMessage('KeepPlanNote');

    EraseBox := TNewCheckBox.Create(Form);
    EraseBox.Parent := Form;
    EraseBox.SetBounds(ScaleX(16), ScaleY(64), Form.ClientWidth - ScaleX(32), ScaleY(22));
    EraseBox.Caption := CustomMessage('ErasePlanBox');
    EraseBox.Checked := False;

    OkButton := TNewButton.Create(Form);
    OkButton.Parent := Form;
    OkButton.SetBounds(Form.ClientWidth - ScaleX(176), Form.ClientHeight - ScaleY(39),
      ScaleX(75), ScaleY(23));
    OkButton.Caption := SetupMessage(msgButtonOK);
    OkButton.ModalResult := mrOk;
    OkButton.Default := True;

    CancelButton := TNewButton.Create(Form);
    CancelButton.Parent := Form;
    CancelButton.SetBounds(Form.ClientWidth - ScaleX(91), Form.ClientHeight - ScaleY(39),
      ScaleX(75), ScaleY(23));
    CancelButton.Caption := SetupMessage(msgButtonCancel);
    CancelButton.ModalResult := mrCancel;
    CancelButton.Cancel := True;

    Form.ActiveControl := OkButton;
    Result := Form.ShowModal() = mrOk;
    ErasePlan := Result and EraseBox.Checked;
  finally
    Form.Free();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { After the program's own files are gone, and only if the box was ticked. }
  if (CurUninstallStep = usPostUninstall) and ErasePlan then
    DelTree(PlanFolder(), True, True, True);
end;
